namespace TrustBot.Core.CheckIns;

/// <summary>One check-in posted into a team's channel (or a chat). It never holds anything about who answered.</summary>
public sealed record CheckIn
{
    public required string TenantId { get; init; }

    /// <summary>A random id; also the ballot box id of its answers.</summary>
    public required string CheckInId { get; init; }

    /// <summary>The installation it belongs to (team id, or chat id).</summary>
    public required string InstallationKey { get; init; }

    /// <summary>The conversation the card was posted into; votes must come from here.</summary>
    public required string ConversationId { get; init; }

    public required string ServiceUrl { get; init; }

    /// <summary>The id of the shared card message, for in-place updates; null until posted.</summary>
    public string? ActivityId { get; init; }

    public required IReadOnlyList<string> StatementIds { get; init; }

    /// <summary>The anonymity threshold k in force for this check-in (at least 3).</summary>
    public required int Threshold { get; init; }

    public required DateTimeOffset OpensAt { get; init; }

    public required DateTimeOffset ClosesAt { get; init; }

    public CheckInStatus Status { get; init; } = CheckInStatus.Open;

    public bool IsOpenAt(DateTimeOffset now) => Status == CheckInStatus.Open && now < ClosesAt;
}
