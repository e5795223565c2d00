using System.Globalization;
using Azure;
using Azure.Data.Tables;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Core.Questions;
using TrustBot.Core.Scheduling;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Installations;

/// <summary>One row of the Installations table: plain columns, enums as their names, times in UTC.</summary>
internal sealed class InstallationEntity : ITableEntity
{
    private const string TimeFormat = "HH:mm:ss";
    private const string DateFormat = "yyyy-MM-dd";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string TenantId { get; set; } = "";
    public string Key { get; set; } = "";
    public string Kind { get; set; } = "";
    public string ServiceUrl { get; set; } = "";
    public string ConversationId { get; set; } = "";
    public string? TeamId { get; set; }
    public string? ChannelId { get; set; }
    public string? TeamName { get; set; }
    public string? InstalledByAadObjectId { get; set; }
    public string BotId { get; set; } = "";

    // A missing column (rows written before the setting existed) reads as false: notes stay private by default.
    public bool ShareNotesInChannel { get; set; }

    public int? AnonymityThreshold { get; set; }

    // Null on rows written before question sets existed: they asked everything.
    public string? QuestionSet { get; set; }

    /// <summary>The team's own statements as JSON in the shape of the instrument file; null when it has none.</summary>
    public string? CustomStatements { get; set; }

    // The team schedule, one column per field; all null (no columns) when the team has none of its own.
    public string? ScheduleDay { get; set; }
    public string? ScheduleTime { get; set; }
    public string? ScheduleTimeZone { get; set; }
    public int? ScheduleCadenceWeeks { get; set; }
    public int? ScheduleSpeakUpEveryWeeks { get; set; }
    public string? SchedulePausedUntil { get; set; }

    public string Status { get; set; } = "";
    public DateTimeOffset InstalledAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? RemovedAt { get; set; }

    public bool IsRemoved => Status == nameof(InstallationStatus.Removed);

    public static InstallationEntity From(Installation installation) => new InstallationEntity
    {
        PartitionKey = TableKeys.Escape(installation.TenantId),
        RowKey = TableKeys.Escape(installation.Key),
        TenantId = installation.TenantId,
        Key = installation.Key,
        Kind = installation.Kind.ToString(),
        ServiceUrl = installation.ServiceUrl,
        ConversationId = installation.ConversationId,
        TeamId = installation.TeamId,
        ChannelId = installation.ChannelId,
        TeamName = installation.TeamName,
        InstalledByAadObjectId = installation.InstalledByAadObjectId,
        BotId = installation.BotId,
        ShareNotesInChannel = installation.ShareNotesInChannel,
        AnonymityThreshold = installation.AnonymityThreshold,
        QuestionSet = installation.QuestionSet == Core.Questions.QuestionSet.Everything ? null : installation.QuestionSet.ToString(),
        CustomStatements = installation.CustomStatements.Count == 0 ? null : StatementCatalog.ToJson(installation.CustomStatements),
        Status = installation.Status.ToString(),
        InstalledAt = installation.InstalledAt.ToUniversalTime(),
        UpdatedAt = installation.UpdatedAt.ToUniversalTime(),
        RemovedAt = installation.RemovedAt?.ToUniversalTime(),
    }.WithSchedule(installation.Schedule);

    public Installation ToInstallation() => new()
    {
        TenantId = TenantId,
        Key = Key,
        Kind = Enum.Parse<ConversationKind>(Kind),
        ServiceUrl = ServiceUrl,
        ConversationId = ConversationId,
        TeamId = TeamId,
        ChannelId = ChannelId,
        TeamName = TeamName,
        InstalledByAadObjectId = InstalledByAadObjectId,
        BotId = BotId,
        ShareNotesInChannel = ShareNotesInChannel,
        AnonymityThreshold = AnonymityThreshold,
        QuestionSet = Enum.TryParse<QuestionSet>(QuestionSet, out var questionSet) ? questionSet : Core.Questions.QuestionSet.Everything,
        CustomStatements = string.IsNullOrEmpty(CustomStatements) ? [] : StatementCatalog.ParseCustom(CustomStatements),
        Schedule = ReadSchedule(),
        Status = Enum.Parse<InstallationStatus>(Status),
        InstalledAt = InstalledAt,
        UpdatedAt = UpdatedAt,
        RemovedAt = RemovedAt,
    };

    /// <summary>Takes what leaders chose on the settings card; returns false when it equals what is stored.</summary>
    public bool ApplySettings(TeamSettings settings, DateTimeOffset updatedAt)
    {
        var before = ToInstallation();
        ConversationId = settings.ChannelId;
        ChannelId = settings.ChannelId;
        QuestionSet = settings.QuestionSet == Core.Questions.QuestionSet.Everything ? null : settings.QuestionSet.ToString();
        AnonymityThreshold = settings.AnonymityThreshold;
        ShareNotesInChannel = settings.ShareNotesInChannel;
        WithSchedule(settings.Schedule);
        var after = ToInstallation();
        if (before.ConversationId == after.ConversationId
            && before.ChannelId == after.ChannelId
            && before.QuestionSet == after.QuestionSet
            && before.AnonymityThreshold == after.AnonymityThreshold
            && before.ShareNotesInChannel == after.ShareNotesInChannel
            && before.Schedule == after.Schedule)
        {
            return false;
        }

        UpdatedAt = updatedAt.ToUniversalTime();
        return true;
    }

    /// <summary>
    /// A reinstall within the grace period restores the team: the new install's address and installer, with the
    /// settings its leaders chose before the removal.
    /// </summary>
    public Installation Restore(Installation incoming)
    {
        var previous = ToInstallation();
        return incoming with
        {
            ShareNotesInChannel = previous.ShareNotesInChannel,
            AnonymityThreshold = previous.AnonymityThreshold,
            QuestionSet = previous.QuestionSet,
            CustomStatements = previous.CustomStatements,
            Schedule = previous.Schedule ?? incoming.Schedule,
        };
    }

    private InstallationEntity WithSchedule(TeamSchedule? schedule)
    {
        if (schedule is not null)
        {
            ScheduleDay = schedule.Day.ToString();
            ScheduleTime = schedule.Time.ToString(TimeFormat, CultureInfo.InvariantCulture);
            ScheduleTimeZone = schedule.TimeZoneId;
            ScheduleCadenceWeeks = schedule.CadenceWeeks;
            ScheduleSpeakUpEveryWeeks = schedule.SpeakUpEveryWeeks;
            SchedulePausedUntil = schedule.PausedUntil?.ToString(DateFormat, CultureInfo.InvariantCulture);
        }

        return this;
    }

    private TeamSchedule? ReadSchedule()
    {
        if (ScheduleDay is null || ScheduleTime is null)
        {
            return null;
        }

        return new TeamSchedule(
            Enum.Parse<DayOfWeek>(ScheduleDay),
            TimeOnly.ParseExact(ScheduleTime, TimeFormat, CultureInfo.InvariantCulture),
            ScheduleTimeZone,
            ScheduleCadenceWeeks ?? 1,
            ScheduleSpeakUpEveryWeeks ?? 2,
            SchedulePausedUntil is null ? null : DateOnly.ParseExact(SchedulePausedUntil, DateFormat, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Takes the address from a fresh activity for an installation that is already active. The original
    /// install time and installer stay, and so do team settings (<see cref="ShareNotesInChannel"/>), which no
    /// activity carries; optional fields the activity lacks keep their stored values.
    /// Returns false when nothing changed, so that repeated events cost no write.
    /// </summary>
    public bool RefreshAddress(Installation incoming)
    {
        var before = (ServiceUrl, ConversationId, TeamId, ChannelId, TeamName, InstalledByAadObjectId, BotId);
        // The channel an active team installation posts into was chosen at install (or later in settings); repeated
        // install and upgrade events name whatever channel they came from, so they refresh the route, not the target.
        ServiceUrl = incoming.ServiceUrl;
        TeamId = incoming.TeamId ?? TeamId;
        TeamName = incoming.TeamName ?? TeamName;
        InstalledByAadObjectId ??= incoming.InstalledByAadObjectId;
        BotId = incoming.BotId;
        if (before == (ServiceUrl, ConversationId, TeamId, ChannelId, TeamName, InstalledByAadObjectId, BotId))
        {
            return false;
        }

        UpdatedAt = incoming.UpdatedAt.ToUniversalTime();
        return true;
    }
}
