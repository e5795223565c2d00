using System.Net;

namespace TrustBot.Storage.Tests.Hosting;

/// <summary>
/// Stands in for the network under the storage SDK: each attempt gets the next scripted answer (a status, an
/// exception thrown as a transport failure, or a <see cref="CancellationTokenSource"/> that the attempt cancels and
/// then waits on, as a caller giving up would), the last one repeating. Counts the attempts.
/// </summary>
internal sealed class StubStorageHandler(params object[] answers) : HttpMessageHandler
{
    private int _attempts;

    public int Attempts => _attempts;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        var answer = answers[Math.Min(attempt, answers.Length) - 1];
        if (answer is Exception exception)
        {
            throw exception;
        }

        if (answer is CancellationTokenSource caller)
        {
            await caller.CancelAsync();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        var response = new HttpResponseMessage((HttpStatusCode)(int)answer)
        {
            RequestMessage = request,
            Content = new StringContent("""{"odata.error":{"code":"Stub","message":{"value":"stub"}}}"""),
        };
        response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return response;
    }
}
