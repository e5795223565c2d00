using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TrustBot.Protocol.Connector;

// Bounds one attempt (headers and body) once it has its rate-limit slot, and turns the expiry into a
// TimeoutException so the retry handler can tell it from the caller cancelling.
internal sealed class AttemptTimeoutHandler(
    IOptions<ConnectorOptions> options,
    TimeProvider timeProvider,
    ILogger<AttemptTimeoutHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var timeout = options.Value.AttemptTimeout;
        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, linked.Token);
            await response.Content.LoadIntoBufferAsync(linked.Token);
            return response;
        }
        catch (OperationCanceledException exception) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            ConnectorLog.AttemptTimedOut(logger, timeout.TotalMilliseconds);
            throw new TimeoutException($"The Connector did not answer within {timeout}.", exception);
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }
}
