namespace TrustBot.Protocol.Connector;

/// <summary>What became of a Connector call, after retries.</summary>
public enum ConnectorOutcome
{
    /// <summary>The Connector answered 2xx.</summary>
    Delivered,

    /// <summary>403 or 404: the bot was removed, the user blocked it, or the conversation is gone. Do not retry.</summary>
    RecipientGone,

    /// <summary>429 after every retry: try again later (see <c>RetryAfter</c>).</summary>
    Throttled,

    /// <summary>Anything else: another status, a network error, a timeout, an unreadable answer, a refused service URL.</summary>
    Failed,
}
