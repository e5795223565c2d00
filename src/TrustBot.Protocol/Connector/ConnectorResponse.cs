namespace TrustBot.Protocol.Connector;

/// <summary>The result of a Connector call without a body (delete); the client never throws for HTTP or network failures.</summary>
/// <param name="Outcome">What became of the call.</param>
/// <param name="StatusCode">The final HTTP status, or null when no answer was received.</param>
/// <param name="ErrorCode">The Connector's error code, or one of <see cref="ConnectorErrorCodes"/>.</param>
public sealed record ConnectorResponse(ConnectorOutcome Outcome, int? StatusCode, string? ErrorCode)
{
    /// <summary>How long the Connector asked the bot to wait, when the final answer carried <c>Retry-After</c>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>True when <see cref="Outcome"/> is <see cref="ConnectorOutcome.Delivered"/>.</summary>
    public bool IsDelivered => Outcome == ConnectorOutcome.Delivered;

    /// <summary>
    /// True for a failure the retry pipeline treated as final rather than gave up on: a status it does not retry, a
    /// call refused before it was made, or a success answer that could not be read. Repeating such a call elsewhere (a
    /// queue's redelivery) would repeat what the pipeline chose not to, and for a post could post twice.
    /// </summary>
    public bool IsFinalFailure => ConnectorResilience.IsFinal(Outcome, StatusCode, ErrorCode);
}
