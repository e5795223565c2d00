using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using TrustBot.Protocol.Authentication;

namespace TrustBot.Protocol.Tests.Authentication;

public sealed class ValidatedTokenCacheTests
{
    private static readonly DateTimeOffset Now = new(2031, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly BotTokenResult Valid = new() { Succeeded = true, SigningKeyId = "k1", Endorsements = ["msteams"] };

    [Fact]
    public void Find_SameTokenSameKeysWithinLifetime_ReturnsStoredResult()
    {
        var (cache, _) = Create();
        var keys = new OpenIdConnectConfiguration();
        cache.Add("token-a", keys, Valid, Now.AddMinutes(10));

        Assert.Same(Valid, cache.Find("token-a", keys));
        Assert.Null(cache.Find("token-b", keys));
    }

    [Fact]
    public void Find_AfterValidUntil_Misses()
    {
        var (cache, clock) = Create();
        var keys = new OpenIdConnectConfiguration();
        cache.Add("token-a", keys, Valid, Now.AddMinutes(10));

        clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        Assert.Null(cache.Find("token-a", keys));
    }

    [Fact]
    public void Find_AfterKeysWereRefetched_Misses()
    {
        var (cache, _) = Create();
        cache.Add("token-a", new OpenIdConnectConfiguration(), Valid, Now.AddMinutes(10));

        Assert.Null(cache.Find("token-a", new OpenIdConnectConfiguration()));
    }

    [Fact]
    public void Add_BeyondCapacity_StaysBounded()
    {
        var (cache, _) = Create(capacity: 4);
        var keys = new OpenIdConnectConfiguration();
        for (var i = 0; i < 10; i++)
        {
            cache.Add($"token-{i}", keys, Valid, Now.AddMinutes(10));
        }

        var remembered = Enumerable.Range(0, 10).Count(i => cache.Find($"token-{i}", keys) is not null);
        Assert.InRange(remembered, 1, 4);
        Assert.NotNull(cache.Find("token-9", keys));
    }

    [Fact]
    public void Add_BeyondCapacity_KeepsTheRecentlyUsed()
    {
        var (cache, clock) = Create(capacity: 20);
        var keys = new OpenIdConnectConfiguration();
        for (var i = 0; i < 20; i++)
        {
            cache.Add($"token-{i}", keys, Valid, Now.AddMinutes(10));
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.NotNull(cache.Find("token-0", keys));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        cache.Add("token-20", keys, Valid, Now.AddMinutes(10));

        // Room was made by dropping the least recently used (token-1, token-2), not every token.
        Assert.NotNull(cache.Find("token-0", keys));
        Assert.Null(cache.Find("token-1", keys));
        Assert.Equal(19, Enumerable.Range(0, 21).Count(i => cache.Find($"token-{i}", keys) is not null));
    }

    [Fact]
    public void Find_AtTheLastInstantOfValidity_Hits()
    {
        var (cache, clock) = Create();
        var keys = new OpenIdConnectConfiguration();
        cache.Add("token-a", keys, Valid, Now.AddMinutes(10));

        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Same(Valid, cache.Find("token-a", keys));
    }

    private static (ValidatedTokenCache Cache, FakeTimeProvider Clock) Create(int capacity = ValidatedTokenCache.DefaultCapacity)
    {
        var clock = new FakeTimeProvider(Now);
        return (new ValidatedTokenCache(clock, capacity), clock);
    }
}
