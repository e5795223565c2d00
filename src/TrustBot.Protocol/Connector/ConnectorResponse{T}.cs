namespace TrustBot.Protocol.Connector;

/// <summary>The typed result of a Connector call; the client never throws for HTTP or network failures.</summary>
/// <typeparam name="T">The body type of a successful answer.</typeparam>
/// <param name="Outcome">What became of the call.</param>
/// <param name="StatusCode">The final HTTP status, or null when no answer was received.</param>
/// <param name="Value">The parsed body of a successful answer (null when the Connector sent none).</param>
/// <param name="ErrorCode">The Connector's error code, or one of <see cref="ConnectorErrorCodes"/>.</param>
public sealed record ConnectorResponse<T>(ConnectorOutcome Outcome, int? StatusCode, T? Value, string? ErrorCode)
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
