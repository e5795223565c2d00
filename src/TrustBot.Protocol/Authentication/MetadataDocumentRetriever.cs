using Microsoft.IdentityModel.Protocols;

namespace TrustBot.Protocol.Authentication;

/// <summary>
/// Fetches the OpenID metadata and JWKS documents through <see cref="HttpDocumentRetriever"/>, refusing plain http
/// for every address that is not loopback. Checking each address (not just the configured one) keeps a loopback
/// test document from pointing <c>jwks_uri</c> at an http host elsewhere.
/// </summary>
internal sealed class MetadataDocumentRetriever(IHttpClientFactory httpClientFactory, bool allowLoopbackHttp) : IDocumentRetriever
{
    /// <summary>The named client used for metadata fetches; a host may add resilience to it.</summary>
    public const string HttpClientName = "TrustBot.OpenIdMetadata";

    public Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        if (!IsAllowed(address, allowLoopbackHttp))
        {
            throw new InvalidOperationException("OpenID documents must be fetched over https (plain http only on loopback).");
        }

        // A client per fetch, not per validation: fetches are rare (twelve-hourly), and short-lived factory
        // clients let the factory rotate handlers.
        var retriever = new HttpDocumentRetriever(httpClientFactory.CreateClient(HttpClientName))
        {
            RequireHttps = !allowLoopbackHttp,
        };
        return retriever.GetDocumentAsync(address, cancel);
    }

    /// <summary>True for https, or for http on a loopback host when that is allowed.</summary>
    public static bool IsAllowed(string? address, bool allowLoopbackHttp)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.Scheme == Uri.UriSchemeHttps
            || (allowLoopbackHttp && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
    }

    /// <summary>True when <paramref name="address"/> is an absolute URL whose host is loopback.</summary>
    public static bool IsLoopback(string? address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.IsLoopback;
}
