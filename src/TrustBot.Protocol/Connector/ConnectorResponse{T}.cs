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
}
