using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace TrustBot.Protocol.Authentication;

/// <summary>
/// The Bot Framework's OpenID metadata and signing keys: one <see cref="ConfigurationManager{T}"/> (cached, refreshed
/// every 12 h by IdentityModel) plus an awaited refresh when a token names an unknown <c>kid</c>.
/// </summary>
/// <remarks>
/// IdentityModel 8.23 performs <see cref="ConfigurationManager{T}.RequestRefresh"/> on a background task, so a retry
/// straight after it would still see the old keys and reject the first tokens of a rotation. The unknown-kid path
/// therefore also fetches the document itself, under a lock and the same rate limit, and keeps that copy as a fallback
/// until the manager's background refresh lands.
/// </remarks>
internal sealed class SigningKeySource : IDisposable
{
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _configurationManager;
    private readonly IDocumentRetriever _documentRetriever;
    private readonly string _metadataUrl;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private OpenIdConnectConfiguration? _refreshed;
    private DateTimeOffset _lastRefresh = DateTimeOffset.MinValue;
    private TimeSpan _minimumRefreshInterval = ConfigurationManager<OpenIdConnectConfiguration>.DefaultRefreshInterval;

    public SigningKeySource(string metadataUrl, IDocumentRetriever documentRetriever, TimeProvider timeProvider, ILogger logger)
    {
        _metadataUrl = metadataUrl;
        _documentRetriever = documentRetriever;
        _timeProvider = timeProvider;
        _logger = logger;
        _configurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
            metadataUrl,
            new OpenIdConnectConfigurationRetriever(),
            documentRetriever);
    }

    /// <summary>
    /// How soon after one unknown-kid refresh another may run (IdentityModel's default 5 minutes, minimum 1 second),
    /// so a stream of forged kids cannot hammer the metadata endpoint.
    /// </summary>
    public TimeSpan MinimumRefreshInterval
    {
        get => _minimumRefreshInterval;
        set
        {
            _configurationManager.RefreshInterval = value;
            _minimumRefreshInterval = value;
        }
    }

    /// <summary>The cached configuration (fetched on first use); null when it cannot be obtained.</summary>
    public async Task<OpenIdConnectConfiguration?> GetAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _configurationManager.GetConfigurationAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // The manager wraps every fetch or parse fault; whatever the cause, no keys means no valid tokens.
            AuthenticationLog.MetadataUnavailable(_logger, exception);
            return null;
        }
    }

    /// <summary>
    /// Called when a token's <c>kid</c> is not in <paramref name="stale"/>: returns a different, newer configuration
    /// to retry with, or null when there is none (rate-limited with nothing newer, or the fetch failed).
    /// </summary>
    public async Task<OpenIdConnectConfiguration?> RefreshForUnknownKeyAsync(OpenIdConnectConfiguration stale, CancellationToken cancellationToken)
    {
        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            var now = _timeProvider.GetUtcNow();
            if (now - _lastRefresh >= _minimumRefreshInterval)
            {
                _lastRefresh = now;
                AuthenticationLog.SigningKeyRefreshRequested(_logger);
                _configurationManager.RequestRefresh();
                _refreshed = await OpenIdConnectConfigurationRetriever.GetAsync(_metadataUrl, _documentRetriever, cancellationToken);
            }

            // Within the rate limit, a copy fetched by an earlier request may still be newer than the manager's.
            return ReferenceEquals(_refreshed, stale) ? null : _refreshed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            AuthenticationLog.MetadataUnavailable(_logger, exception);
            return null;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    public void Dispose() => _refreshLock.Dispose();
}
