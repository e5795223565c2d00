namespace TrustBot.Core.SpeakUp;

/// <summary>One speak-up prompt posted into a team's channel; its id is also the ballot box counting distinct people.</summary>
public sealed record SpeakUpSession
{
    public required string TenantId { get; init; }
    public required string SessionId { get; init; }
    public required string InstallationKey { get; init; }
    public required string PromptId { get; init; }
    public required string ConversationId { get; init; }
    public required string ServiceUrl { get; init; }
    public string? ActivityId { get; init; }
    public required int Threshold { get; init; }
    public required DateTimeOffset OpensAt { get; init; }
    public required DateTimeOffset ClosesAt { get; init; }

    /// <summary>True once closed: the participation salt is gone and the prompt takes no more notes.</summary>
    public bool IsClosed { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }
}
