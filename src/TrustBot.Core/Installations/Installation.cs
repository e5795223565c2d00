using TrustBot.Core.Anonymity;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Installations;

/// <summary>
/// One place TrustBot is installed, with the plain address needed to message it later.
/// Keyed by tenant and <see cref="Key"/>: the team id for a team, else the conversation id.
/// </summary>
public sealed record Installation
{
    public required string TenantId { get; init; }

    /// <summary>The team id for <see cref="ConversationKind.Channel"/>, else the conversation id.</summary>
    public required string Key { get; init; }

    public required ConversationKind Kind { get; init; }

    /// <summary>The Connector base URL, refreshed from every verified activity.</summary>
    public required string ServiceUrl { get; init; }

    /// <summary>The conversation to post into: the chat, or the team's chosen channel.</summary>
    public required string ConversationId { get; init; }

    public string? TeamId { get; init; }

    public string? ChannelId { get; init; }

    public string? TeamName { get; init; }

    /// <summary>The Entra object id of the person who installed the app (the first leader of a team).</summary>
    public string? InstalledByAadObjectId { get; init; }

    /// <summary>The bot's own account id (<c>28:…</c>).</summary>
    public required string BotId { get; init; }

    /// <summary>A team setting (off by default): re-post anonymous notes in the channel once k people answered.</summary>
    public bool ShareNotesInChannel { get; init; }

    /// <summary>The team's anonymity threshold k (3–25), or null for the service default.</summary>
    public int? AnonymityThreshold { get; init; }

    /// <summary>The team's own check-in statements, asked alongside the built-in ones (ids start with <c>custom-</c>).</summary>
    public IReadOnlyList<Questions.Statement> CustomStatements { get; init; } = [];

    /// <summary>Which built-in statements the team's check-ins ask.</summary>
    public Questions.QuestionSet QuestionSet { get; init; } = Questions.QuestionSet.Everything;

    /// <summary>When the team's check-ins and speak-up prompts are posted; null until set (the default then applies).</summary>
    public Scheduling.TeamSchedule? Schedule { get; init; }

    /// <summary>The team's schedule in force: its own, else the default (Tuesday 10:00 weekly, in UTC).</summary>
    public Scheduling.TeamSchedule EffectiveSchedule => Schedule ?? Scheduling.TeamSchedule.Default(null);

    /// <summary>The threshold in force for this team: its own, else <paramref name="serviceDefault"/>, never below 3.</summary>
    public int ThresholdOr(int serviceDefault) => Math.Max(AnonymityThresholds.MinimumThreshold, AnonymityThreshold ?? serviceDefault);

    /// <summary>Where TrustBot posts for this installation.</summary>
    public Messaging.ConversationAddress Address => new(TenantId, ServiceUrl, ConversationId, BotId);

    /// <summary>The built-in statements plus this team's own: every statement its check-ins may have asked.</summary>
    public Questions.StatementCatalog Catalog() => Questions.StatementCatalog.Default.WithCustom(CustomStatements);

    /// <summary>The statements new check-ins choose from: the team's question set plus its own statements.</summary>
    public Questions.StatementCatalog QuestionCatalog() => Catalog().ForQuestionSet(QuestionSet);

    public InstallationStatus Status { get; init; } = InstallationStatus.Active;

    /// <summary>A team that has the app now: the only kind with a channel, a schedule and leaders.</summary>
    public bool IsActiveTeam => Status == InstallationStatus.Active && Kind == ConversationKind.Channel;

    public required DateTimeOffset InstalledAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? RemovedAt { get; init; }
}
