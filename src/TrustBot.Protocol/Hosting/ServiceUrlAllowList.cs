using System.Net;
using Microsoft.Extensions.Options;

namespace TrustBot.Protocol.Hosting;

/// <summary>
/// Decides whether a <c>serviceUrl</c> may be called. The bot sends proactive messages to stored service URLs,
/// so an unchecked one would let any caller point it at an arbitrary host.
/// </summary>
public sealed class ServiceUrlAllowList
{
    private readonly string[] _hosts;
    private readonly bool _allowLoopback;

    /// <summary>Builds the list from options; loopback hosts are allowed only in local mode or when listed.</summary>
    public ServiceUrlAllowList(IOptions<BotFrameworkOptions> frameworkOptions, IOptions<BotOptions> botOptions)
    {
        ArgumentNullException.ThrowIfNull(frameworkOptions);
        ArgumentNullException.ThrowIfNull(botOptions);
        _hosts = frameworkOptions.Value.AllowedServiceUrlHosts
            .Where(h => !string.IsNullOrWhiteSpace(h))
            .Select(h => h.Trim().TrimStart('.').ToLowerInvariant())
            .Distinct()
            .ToArray();
        _allowLoopback = botOptions.Value.IsLocalMode;
    }

    /// <summary>True when <paramref name="serviceUrl"/> is an absolute URL on an allowed host (https unless loopback).</summary>
    public bool IsAllowed(string? serviceUrl)
    {
        if (string.IsNullOrWhiteSpace(serviceUrl) || !Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri))
        {
            return false;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));
        if (uri.Scheme != Uri.UriSchemeHttps && !(loopback && uri.Scheme == Uri.UriSchemeHttp))
        {
            return false;
        }

        if (loopback && _allowLoopback)
        {
            return true;
        }

        var host = uri.IdnHost.ToLowerInvariant();
        foreach (var allowed in _hosts)
        {
            if (host == allowed || host.EndsWith("." + allowed, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
