using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;

namespace TrustBot.Core.Settings;

/// <summary>
/// The values on a settings card as text, the way the card's inputs hold them: either a team's current settings, or
/// what someone submitted (untrusted, shown back with the problems found in it).
/// </summary>
public sealed record SettingsValues
{
    /// <summary>Longer submitted values are cut to this before anything looks at them.</summary>
    public const int MaxValueLength = 200;

    /// <summary>More submitted leader ids than this are ignored (far beyond what the card can offer).</summary>
    public const int MaxLeaderIds = 200;

    public string ChannelId { get; init; } = string.Empty;

    public string Cadence { get; init; } = string.Empty;

    public string Day { get; init; } = string.Empty;

    public string Time { get; init; } = string.Empty;

    public string TimeZone { get; init; } = string.Empty;

    public string QuestionSet { get; init; } = string.Empty;

    public string Threshold { get; init; } = string.Empty;

    public string Notes { get; init; } = string.Empty;

    /// <summary>The pause end as <c>yyyy-MM-dd</c>; empty when not paused.</summary>
    public string PausedUntil { get; init; } = string.Empty;

    /// <summary>The Teams user ids (<c>29:…</c>) chosen as leaders.</summary>
    public IReadOnlyList<string> LeaderIds { get; init; } = [];

    /// <summary>The team's settings as stored, with the service default k when the team chose none.</summary>
    public static SettingsValues Current(Installation team, IEnumerable<Leader> leaders, int defaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(leaders);
        var schedule = team.EffectiveSchedule;
        return new SettingsValues
        {
            ChannelId = team.ChannelId ?? team.ConversationId,
            Cadence = schedule.CadenceWeeks.ToString(CultureInfo.InvariantCulture),
            Day = schedule.Day.ToString(),
            Time = schedule.Time.ToString("HH:mm", CultureInfo.InvariantCulture),
            TimeZone = schedule.TimeZoneId ?? "UTC",
            QuestionSet = team.QuestionSet.ToString(),
            Threshold = team.ThresholdOr(defaultThreshold).ToString(CultureInfo.InvariantCulture),
            Notes = team.ShareNotesInChannel ? SettingsVerbs.NotesAlsoInChannel : SettingsVerbs.NotesToLeaders,
            PausedUntil = schedule.PausedUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
            LeaderIds = leaders.Select(l => l.UserId).Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>
    /// What a card submitted. Every value is read as text whatever its JSON type (clients differ: a number input may
    /// come back as a number or a string); missing values are empty, and nothing here is trusted yet.
    /// </summary>
    public static SettingsValues Submitted(JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new SettingsValues
        {
            ChannelId = Read(data, SettingsVerbs.ChannelInput),
            Cadence = Read(data, SettingsVerbs.CadenceInput),
            Day = Read(data, SettingsVerbs.DayInput),
            Time = Read(data, SettingsVerbs.TimeInput),
            TimeZone = Read(data, SettingsVerbs.TimeZoneInput),
            QuestionSet = Read(data, SettingsVerbs.QuestionSetInput),
            Threshold = Read(data, SettingsVerbs.ThresholdInput),
            Notes = Read(data, SettingsVerbs.NotesInput),
            PausedUntil = Read(data, SettingsVerbs.PausedUntilInput),
            // A multi-select choice set answers with its values joined by commas.
            LeaderIds = ReadLong(data, SettingsVerbs.LeadersInput)
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Distinct(StringComparer.Ordinal)
                .Take(MaxLeaderIds)
                .ToList(),
        };
    }

    private static string Read(JsonObject data, string key)
    {
        var text = Text(data, key);
        return text.Length > MaxValueLength ? text[..MaxValueLength] : text;
    }

    // Room for the most leader ids the card can hold, each about a hundred characters.
    private static string ReadLong(JsonObject data, string key)
    {
        var text = Text(data, key);
        var max = MaxLeaderIds * 128;
        return text.Length > max ? text[..max] : text;
    }

    private static string Text(JsonObject data, string key)
    {
        if (!data.TryGetPropertyValue(key, out var node) || node is not JsonValue value)
        {
            return string.Empty;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>().Trim(),
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => string.Empty,
        };
    }
}
