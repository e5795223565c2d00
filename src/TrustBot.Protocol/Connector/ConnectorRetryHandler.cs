using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TrustBot.Protocol.Connector;

// Retries throttling and transient answers (429, 412, 502, 503, 504) and transport failures, honouring Retry-After
// and otherwise backing off exponentially with jitter. Other statuses (400, 403, 404, 413, 500, …) are final: a
// retried POST that the Connector did process would post the message twice.
internal sealed class ConnectorRetryHandler(
    IOptions<ConnectorOptions> options,
    TimeProvider timeProvider,
    ILogger<ConnectorRetryHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken);
            }
            catch (Exception exception) when (IsTransient(exception, cancellationToken) && attempt <= settings.MaxRetries)
            {
                var backoff = Backoff(settings, attempt);
                ConnectorLog.RetryingException(logger, exception, attempt, backoff.TotalMilliseconds);
                await Task.Delay(backoff, timeProvider, cancellationToken);
                continue;
            }

            if (!IsRetryable(response.StatusCode) || attempt > settings.MaxRetries)
            {
                return response;
            }

            var retryAfter = RetryAfter.Read(response, timeProvider);
            if (retryAfter > settings.MaxRetryAfter)
            {
                ConnectorLog.RetryAfterTooLong(
                    logger, (int)response.StatusCode, retryAfter.Value.TotalMilliseconds, settings.MaxRetryAfter.TotalMilliseconds);
                return response;
            }

            var delay = retryAfter ?? Backoff(settings, attempt);
            ConnectorLog.RetryingStatus(logger, attempt, (int)response.StatusCode, delay.TotalMilliseconds);
            response.Dispose();
            await Task.Delay(delay, timeProvider, cancellationToken);
        }
    }

    internal static bool IsRetryable(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests
        or HttpStatusCode.PreconditionFailed
        or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable
        or HttpStatusCode.GatewayTimeout;

    // Equal jitter: half the exponential step is fixed, half random, so concurrent senders spread out.
    internal static TimeSpan Backoff(ConnectorOptions settings, int attempt)
    {
        var exponential = settings.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, settings.MaxDelay.TotalMilliseconds);
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        var jittered = (capped / 2) + (Random.Shared.NextDouble() * capped / 2);
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(jittered);
    }

    private static bool IsTransient(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or TimeoutException && !cancellationToken.IsCancellationRequested;
}
