namespace TrustBot.Protocol.Connector;

// Reads the body inside the attempt timeout and the retry, so a Connector that stalls or drops mid-body is timed out
// and retried like one that never answers; HttpClient would otherwise buffer it after the pipeline, unbounded.
internal sealed class ResponseBufferingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
