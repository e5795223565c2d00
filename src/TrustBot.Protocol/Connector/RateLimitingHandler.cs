using Microsoft.Extensions.Logging;

namespace TrustBot.Protocol.Connector;

/// <summary>
/// Waits for a <see cref="ConnectorRateLimiter"/> slot before every HTTP attempt (it sits inside the retry handler, so
/// retries queue too), then for <see cref="ConnectorArrivalGuard"/>, which holds a request only when the host stalled
/// and the requests really sent would otherwise crowd a window. The limiter key comes from <see cref="ConversationKey"/>;
/// requests without one are keyed by path.
/// </summary>
public sealed class RateLimitingHandler(
    ConnectorRateLimiter rateLimiter, ConnectorArrivalGuard arrivalGuard, ILogger<RateLimitingHandler> logger) : DelegatingHandler
{
    /// <summary>The request option naming the conversation (or other thread key) a request counts against.</summary>
    public static readonly HttpRequestOptionsKey<string> ConversationKey = new("TrustBot.Connector.RateLimitKey");

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.Options.TryGetValue(ConversationKey, out var value) && !string.IsNullOrEmpty(value)
            ? value
            : request.RequestUri?.AbsolutePath ?? string.Empty;
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var delay = rateLimiter.GetDelay(key);
            if (delay > TimeSpan.Zero)
            {
                ConnectorLog.WaitingForSlot(logger, delay.TotalMilliseconds);
            }
        }

        await rateLimiter.WaitAsync(key, cancellationToken);
        await arrivalGuard.WaitAsync(cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
