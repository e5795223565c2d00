using System.Collections.Concurrent;
using Microsoft.Extensions.Http;

namespace TrustBot.Web.Tests.Infrastructure;

/// <summary>Records the URI of every outbound request made through IHttpClientFactory.</summary>
public sealed class OutboundRecorder
{
    private readonly ConcurrentQueue<Uri> _uris = new();

    public IReadOnlyCollection<Uri> Uris => _uris;

    internal void Record(Uri? uri)
    {
        if (uri is not null)
        {
            _uris.Enqueue(uri);
        }
    }
}

internal sealed class OutboundRecordingFilter(OutboundRecorder recorder) : IHttpMessageHandlerBuilderFilter
{
    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        // Outermost-but-one position: sees the request each time the pipeline sends it, including retries.
        builder.AdditionalHandlers.Add(new RecordingHandler(recorder));
    };

    private sealed class RecordingHandler(OutboundRecorder recorder) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            recorder.Record(request.RequestUri);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
