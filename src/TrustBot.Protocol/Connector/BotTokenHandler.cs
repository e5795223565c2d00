using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace TrustBot.Protocol.Connector;

/// <summary>
/// Stamps <c>Authorization: Bearer</c> from <see cref="IBotTokenProvider"/> on every attempt (none in local mode).
/// On a 401 it forces one token refresh and sends once more.
/// </summary>
public sealed class BotTokenHandler(IBotTokenProvider tokenProvider, ILogger<BotTokenHandler> logger) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await tokenProvider.GetTokenAsync(forceRefresh: false, cancellationToken);
        Stamp(request, token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || token is null)
        {
            return response;
        }

        ConnectorLog.RefreshingAfterUnauthorized(logger);
        response.Dispose();
        token = await tokenProvider.GetTokenAsync(forceRefresh: true, cancellationToken);
        Stamp(request, token);
        return await base.SendAsync(request, cancellationToken);
    }

    private static void Stamp(HttpRequestMessage request, string? token) =>
        request.Headers.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
}
