using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Telemetry;
using Polly.Timeout;

namespace TrustBot.Protocol.Connector;

// The Connector's two resilience pipelines. Retry wraps token and rate limit, so every retry stamps a fresh token and
// queues for a slot; the attempt timeout sits inside the rate limiter, so waiting for a slot never counts against it.
internal static class ConnectorResilience
{
    public const string RetryPipeline = "retry";

    public const string AttemptTimeoutPipeline = "attempt-timeout";

    // Retries throttling and transient answers (429, 412, 502, 503, 504) and transport failures, honouring Retry-After
    // and otherwise backing off exponentially with jitter. Other statuses (400, 403, 404, 413, 500, …) are final: a
    // retried POST that the Connector did process would post the message twice. There is no total budget beyond
    // MaxRetries × (AttemptTimeout + delay), as before.
    public static void ConfigureRetry(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var (settings, timeProvider, logger) = Resolve(builder, context);
        if (settings.MaxRetries <= 0)
        {
            return; // Polly refuses zero retries; no strategy is the same thing.
        }

        builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = settings.MaxRetries,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.AttemptNumber, args.Context.CancellationToken)),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                (args.Outcome.Result is { } response ? RetryAfter.Read(response, timeProvider) : null)
                ?? Backoff(settings, args.AttemptNumber + 1)),
            OnRetry = args =>
            {
                // Polly counts attempts from zero; the log has always counted them from one.
                if (args.Outcome.Result is { } response)
                {
                    ConnectorLog.RetryingStatus(logger, args.AttemptNumber + 1, (int)response.StatusCode, args.RetryDelay.TotalMilliseconds);
                }
                else if (args.Outcome.Exception is { } exception)
                {
                    ConnectorLog.RetryingException(logger, exception, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                }

                return default;
            },
        });

        bool ShouldRetry(Outcome<HttpResponseMessage> outcome, int attemptNumber, CancellationToken cancellationToken)
        {
            if (outcome.Exception is { } exception)
            {
                return IsTransient(exception) && !cancellationToken.IsCancellationRequested;
            }

            var response = outcome.Result!;
            if (!IsRetryable(response.StatusCode))
            {
                return false;
            }

            // A Retry-After beyond the cap ends the call as throttled, carrying the delay for a queue to reschedule.
            var retryAfter = RetryAfter.Read(response, timeProvider);
            if (retryAfter > settings.MaxRetryAfter)
            {
                if (attemptNumber < settings.MaxRetries)
                {
                    ConnectorLog.RetryAfterTooLong(
                        logger, (int)response.StatusCode, retryAfter.Value.TotalMilliseconds, settings.MaxRetryAfter.TotalMilliseconds);
                }

                return false;
            }

            return true;
        }
    }

    // Bounds one attempt (headers and, through ResponseBufferingHandler, the body) once it has its rate-limit slot.
    public static void ConfigureAttemptTimeout(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var (settings, timeProvider, logger) = Resolve(builder, context);
        if (settings.AttemptTimeout <= TimeSpan.Zero)
        {
            return; // Infinite (or unset): no per-attempt bound, like a CancellationTokenSource with -1 ms.
        }

        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Timeout = settings.AttemptTimeout,
            OnTimeout = args =>
            {
                ConnectorLog.AttemptTimedOut(logger, args.Timeout.TotalMilliseconds);
                return default;
            },
        });
    }

    // Final: the pipeline saw an answer it does not retry, or never sent (refused), or a success it could not read.
    // Throttling, network failures, timeouts and a missing token are retried here until the pipeline gives up.
    internal static bool IsFinal(ConnectorOutcome outcome, int? statusCode, string? errorCode) =>
        outcome == ConnectorOutcome.Failed
        && (statusCode is { } status ? !IsRetryable((HttpStatusCode)status)
            : errorCode is ConnectorErrorCodes.ServiceUrlNotAllowed or ConnectorErrorCodes.InvalidArgument);

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

    private static bool IsTransient(Exception exception) =>
        exception is HttpRequestException or TimeoutRejectedException or TimeoutException;

    // Both pipelines run on the injected clock (so FakeTimeProvider drives waits and timeouts) and log only through
    // ConnectorLog: Polly's own log lines would repeat each retry at Warning. Its metrics stay on.
    private static (ConnectorOptions Settings, TimeProvider TimeProvider, ILogger Logger) Resolve(
        ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var services = context.ServiceProvider;
        builder.TimeProvider = services.GetRequiredService<TimeProvider>();
        builder.ConfigureTelemetry(new TelemetryOptions(services.GetRequiredService<IOptions<TelemetryOptions>>().Value)
        {
            LoggerFactory = NullLoggerFactory.Instance,
        });
        return (
            services.GetRequiredService<IOptions<ConnectorOptions>>().Value,
            builder.TimeProvider,
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConnectorResilience).FullName!));
    }
}
