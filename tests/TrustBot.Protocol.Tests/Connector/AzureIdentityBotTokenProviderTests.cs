using Azure.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Protocol.Connector;

namespace TrustBot.Protocol.Tests.Connector;

public sealed class AzureIdentityBotTokenProviderTests
{
    private const string Scope = "https://api.botframework.com/.default";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private sealed class CountingCredential(Func<int, AccessToken> issue, Func<int, Task>? gate = null) : TokenCredential
    {
        private int _calls;

        public int Calls => _calls;

        public List<string[]> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls);
            lock (Scopes)
            {
                Scopes.Add(requestContext.Scopes);
            }

            if (gate is not null)
            {
                await gate(call);
            }

            return issue(call);
        }
    }

    private AzureIdentityBotTokenProvider Create(TokenCredential? credential) =>
        new(credential, Scope, _time, NullLogger.Instance);

    private Func<int, AccessToken> OneHourTokens() => call => new AccessToken($"token-{call}", _time.GetUtcNow().AddHours(1));

    [Fact]
    public async Task GetTokenAsync_LocalMode_ReturnsNull()
    {
        using var provider = new AzureIdentityBotTokenProvider(
            Options.Create(new BotOptions()), Options.Create(new BotFrameworkOptions()), _time, NullLogger<AzureIdentityBotTokenProvider>.Instance);

        Assert.Null(await provider.GetTokenAsync(forceRefresh: false, CancellationToken.None));
        Assert.Null(await provider.GetTokenAsync(forceRefresh: true, CancellationToken.None));
    }

    [Fact]
    public async Task GetTokenAsync_FreshToken_IsCachedWithConnectorScope()
    {
        var credential = new CountingCredential(OneHourTokens());
        using var provider = Create(credential);

        var first = await provider.GetTokenAsync(false, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(54));
        var second = await provider.GetTokenAsync(false, CancellationToken.None);

        Assert.Equal("token-1", first);
        Assert.Equal("token-1", second);
        Assert.Equal(1, credential.Calls);
        Assert.Equal([Scope], Assert.Single(credential.Scopes));
    }

    [Fact]
    public async Task GetTokenAsync_FiveMinutesBeforeExpiry_Refreshes()
    {
        var credential = new CountingCredential(OneHourTokens());
        using var provider = Create(credential);
        await provider.GetTokenAsync(false, CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(55));
        var token = await provider.GetTokenAsync(false, CancellationToken.None);

        Assert.Equal("token-2", token);
        Assert.Equal(2, credential.Calls);
    }

    [Fact]
    public async Task GetTokenAsync_RefreshOnHintEarlierThanMargin_RefreshesAtHint()
    {
        var credential = new CountingCredential(call =>
            new AccessToken($"token-{call}", _time.GetUtcNow().AddHours(1), _time.GetUtcNow().AddMinutes(30)));
        using var provider = Create(credential);
        await provider.GetTokenAsync(false, CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal("token-2", await provider.GetTokenAsync(false, CancellationToken.None));
    }

    [Fact]
    public async Task GetTokenAsync_ForceRefresh_BypassesCache()
    {
        var credential = new CountingCredential(OneHourTokens());
        using var provider = Create(credential);
        await provider.GetTokenAsync(false, CancellationToken.None);

        var refreshed = await provider.GetTokenAsync(forceRefresh: true, CancellationToken.None);

        Assert.Equal("token-2", refreshed);
        Assert.Equal("token-2", await provider.GetTokenAsync(false, CancellationToken.None));
    }

    [Fact]
    public async Task GetTokenAsync_ConcurrentCallers_ShareOneRefresh()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var credential = new CountingCredential(OneHourTokens(), _ => release.Task);
        using var provider = Create(credential);

        var callers = Enumerable.Range(0, 10).Select(_ => provider.GetTokenAsync(false, CancellationToken.None).AsTask()).ToList();
        release.SetResult();
        var tokens = await Task.WhenAll(callers);

        Assert.All(tokens, t => Assert.Equal("token-1", t));
        Assert.Equal(1, credential.Calls);
    }

    [Fact]
    public async Task GetTokenAsync_ConcurrentForcedRefreshes_ShareOneRefresh()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var credential = new CountingCredential(OneHourTokens(), call => call == 1 ? Task.CompletedTask : release.Task);
        using var provider = Create(credential);
        await provider.GetTokenAsync(false, CancellationToken.None);

        var first = provider.GetTokenAsync(forceRefresh: true, CancellationToken.None).AsTask();
        var second = provider.GetTokenAsync(forceRefresh: true, CancellationToken.None).AsTask();
        release.SetResult();
        var tokens = await Task.WhenAll(first, second);

        Assert.All(tokens, t => Assert.Equal("token-2", t));
        Assert.Equal(2, credential.Calls);
    }

    [Fact]
    public async Task GetTokenAsync_CredentialFails_PropagatesAndRetriesNextTime()
    {
        var credential = new CountingCredential(call => call == 1
            ? throw new Azure.Identity.AuthenticationFailedException("AADSTS7000215")
            : new AccessToken("token-2", _time.GetUtcNow().AddHours(1)));
        using var provider = Create(credential);

        await Assert.ThrowsAsync<Azure.Identity.AuthenticationFailedException>(() => provider.GetTokenAsync(false, CancellationToken.None).AsTask());

        Assert.Equal("token-2", await provider.GetTokenAsync(false, CancellationToken.None));
    }
}
