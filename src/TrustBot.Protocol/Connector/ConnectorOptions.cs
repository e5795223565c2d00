namespace TrustBot.Protocol.Connector;

/// <summary>Retry, timeout and pacing settings of the Connector client, bound from <c>BotFramework:Connector</c>.</summary>
public sealed class ConnectorOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "BotFramework:Connector";

    /// <summary>Retries after the first attempt (so at most <c>MaxRetries + 1</c> requests per call).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first back-off delay when the Connector sent no <c>Retry-After</c>; it doubles per retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest back-off delay computed by the client.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest <c>Retry-After</c> the client waits in-line; beyond it the call ends as throttled and carries the
    /// requested delay, so a queue can reschedule instead of holding a worker.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one HTTP attempt may take, once it has its rate-limit slot.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most instances of the bot that run at once (3, the most a Basic App Service plan scales to). Used only while
    /// the shared send schedule (<see cref="IConnectorSendBudget"/>) cannot be reached: each instance then paces each
    /// tenant at this fraction of the app limit, so that together they still keep to it.
    /// </summary>
    public int MaxInstances { get; set; } = 3;
}
