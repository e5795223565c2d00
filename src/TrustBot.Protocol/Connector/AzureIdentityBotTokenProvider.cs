using Azure.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TrustBot.Protocol.Connector;

/// <summary>
/// Gets Connector tokens from one Azure.Identity credential chosen from <see cref="BotOptions"/> (secret, certificate
/// or user-assigned managed identity). Tokens are cached until five minutes before expiry (or the credential's
/// refresh hint) and concurrent refreshes share one request. In local mode it always returns null.
/// </summary>
public sealed class AzureIdentityBotTokenProvider : IBotTokenProvider, IDisposable
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly TokenCredential? _credential;
    private readonly TokenRequestContext _request;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private volatile CachedToken? _cached;

    /// <summary>Builds the credential; throws <see cref="InvalidOperationException"/> naming the setting when it is misconfigured.</summary>
    public AzureIdentityBotTokenProvider(
        IOptions<BotOptions> botOptions,
        IOptions<BotFrameworkOptions> frameworkOptions,
        TimeProvider timeProvider,
        ILogger<AzureIdentityBotTokenProvider> logger)
        : this(CreateCredential(botOptions, logger), ScopeOf(frameworkOptions), timeProvider, logger)
    {
    }

    internal AzureIdentityBotTokenProvider(TokenCredential? credential, string scope, TimeProvider timeProvider, ILogger logger)
    {
        _credential = credential;
        _request = new TokenRequestContext([scope]);
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <inheritdoc />
    public async ValueTask<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        if (_credential is null)
        {
            return null;
        }

        var seen = _cached;
        if (!forceRefresh && IsFresh(seen))
        {
            return seen!.Token;
        }

        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have refreshed while this one waited: a forced refresh only needs a token newer than
            // the one that was rejected, not a second round trip.
            var current = _cached;
            if (IsFresh(current) && (!forceRefresh || !ReferenceEquals(current, seen)))
            {
                return current!.Token;
            }

            var token = await _credential.GetTokenAsync(_request, cancellationToken);
            var refreshAt = token.ExpiresOn - RefreshMargin;
            if (token.RefreshOn is { } hint && hint < refreshAt)
            {
                refreshAt = hint;
            }

            _cached = new CachedToken(token.Token, refreshAt);
            ConnectorLog.TokenAcquired(_logger, token.ExpiresOn, refreshAt);
            return token.Token;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _refreshGate.Dispose();

    private bool IsFresh(CachedToken? token) => token is not null && _timeProvider.GetUtcNow() < token.RefreshAt;

    private static TokenCredential? CreateCredential(IOptions<BotOptions> botOptions, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(botOptions);
        var (credential, kind) = BotCredentialFactory.Create(botOptions.Value);
        if (credential is null)
        {
            ConnectorLog.LocalMode(logger);
        }
        else
        {
            ConnectorLog.CredentialSelected(logger, kind);
        }

        return credential;
    }

    private static string ScopeOf(IOptions<BotFrameworkOptions> frameworkOptions)
    {
        ArgumentNullException.ThrowIfNull(frameworkOptions);
        var scope = frameworkOptions.Value.ConnectorScope;
        return string.IsNullOrWhiteSpace(scope)
            ? throw new InvalidOperationException("BotFramework:ConnectorScope must not be empty.")
            : scope;
    }

    private sealed record CachedToken(string Token, DateTimeOffset RefreshAt);
}
