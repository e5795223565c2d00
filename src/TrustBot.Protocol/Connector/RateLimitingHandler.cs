using Microsoft.Extensions.Logging;

namespace TrustBot.Protocol.Connector;

/// <summary>
/// Waits for a <see cref="ConnectorRateLimiter"/> slot before every HTTP attempt (it sits inside the retry handler, so
/// retries queue too), then for <see cref="ConnectorArrivalGuard"/>, which holds a request only when the host stalled
/// and the requests really sent would otherwise crowd a window. The limiter keys come from <see cref="TenantKey"/> and
/// <see cref="ConversationKey"/>; a request without a conversation key is keyed by its path, one without a tenant counts
/// as of no known tenant.
/// </summary>
public sealed class RateLimitingHandler(
    ConnectorRateLimiter rateLimiter, ConnectorArrivalGuard arrivalGuard, TimeProvider timeProvider, ILogger<RateLimitingHandler> logger) : DelegatingHandler
{
    /// <summary>The request option naming the conversation (or other thread key) a request counts against.</summary>
    public static readonly HttpRequestOptionsKey<string> ConversationKey = new("TrustBot.Connector.RateLimitKey");

    /// <summary>The request option naming the tenant whose app-wide windows a request counts against.</summary>
    public static readonly HttpRequestOptionsKey<string> TenantKey = new("TrustBot.Connector.RateLimitTenant");

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.Options.TryGetValue(ConversationKey, out var value) && !string.IsNullOrEmpty(value)
            ? value
            : request.RequestUri?.AbsolutePath ?? string.Empty;
        var tenant = request.Options.TryGetValue(TenantKey, out var tenantId) ? tenantId ?? string.Empty : string.Empty;
        var started = timeProvider.GetTimestamp();
        await rateLimiter.WaitAsync(tenant, key, cancellationToken);
        if (logger.IsEnabled(LogLevel.Debug) && timeProvider.GetElapsedTime(started) is { Ticks: > 0 } waited)
        {
            ConnectorLog.WaitedForSlot(logger, waited.TotalMilliseconds);
        }

        await arrivalGuard.WaitAsync(tenant, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
