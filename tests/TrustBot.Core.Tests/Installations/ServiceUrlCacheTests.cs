using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.Installations;

namespace TrustBot.Core.Tests.Installations;

public sealed class ServiceUrlCacheTests
{
    [Fact]
    public void IsCurrent_AfterSet_TrueOnlyForTheSameUrl()
    {
        var cache = new ServiceUrlCache();
        cache.Set(TestIds.TenantId, "k1", TestIds.ServiceUrl);

        Assert.True(cache.IsCurrent(TestIds.TenantId, "k1", TestIds.ServiceUrl));
        Assert.False(cache.IsCurrent(TestIds.TenantId, "k1", TestIds.OtherServiceUrl));
        Assert.False(cache.IsCurrent(TestIds.OtherTenantId, "k1", TestIds.ServiceUrl));
    }

    [Fact]
    public void Set_BeyondCapacity_EvictsLeastRecentlyUsed()
    {
        // Recency is the time of the last read, so the clock moves between steps.
        var time = new FakeTimeProvider();
        using var cache = new ServiceUrlCache(capacity: 2, time);
        cache.Set(TestIds.TenantId, "a", TestIds.ServiceUrl);
        time.Advance(TimeSpan.FromSeconds(1));
        cache.Set(TestIds.TenantId, "b", TestIds.ServiceUrl);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(cache.IsCurrent(TestIds.TenantId, "a", TestIds.ServiceUrl));
        time.Advance(TimeSpan.FromSeconds(1));

        cache.Set(TestIds.TenantId, "c", TestIds.ServiceUrl);

        Assert.Equal(2, cache.Count);
        Assert.True(cache.IsCurrent(TestIds.TenantId, "a", TestIds.ServiceUrl));
        Assert.False(cache.IsCurrent(TestIds.TenantId, "b", TestIds.ServiceUrl));
        Assert.True(cache.IsCurrent(TestIds.TenantId, "c", TestIds.ServiceUrl));
    }

    [Fact]
    public void Set_ExistingKey_ReplacesWithoutGrowing()
    {
        var cache = new ServiceUrlCache(capacity: 2);
        cache.Set(TestIds.TenantId, "a", TestIds.ServiceUrl);
        cache.Set(TestIds.TenantId, "a", TestIds.OtherServiceUrl);

        Assert.Equal(1, cache.Count);
        Assert.True(cache.IsCurrent(TestIds.TenantId, "a", TestIds.OtherServiceUrl));
    }

    [Fact]
    public void Set_ManyMoreThanCapacity_StaysWithinCapacityAndKeepsTheNewest()
    {
        var time = new FakeTimeProvider();
        using var cache = new ServiceUrlCache(capacity: 100, time);
        for (var i = 0; i < 1_000; i++)
        {
            cache.Set(TestIds.TenantId, "team-" + i, TestIds.ServiceUrl);
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.InRange(cache.Count, 1, 100);
        Assert.True(cache.IsCurrent(TestIds.TenantId, "team-999", TestIds.ServiceUrl));
        Assert.False(cache.IsCurrent(TestIds.TenantId, "team-0", TestIds.ServiceUrl));
    }

    [Fact]
    public void IsCurrent_ArgumentsEqualButNotTheStoredInstances_StillMatches()
    {
        // The cache keeps pooled instances; a later activity brings fresh copies of the same values.
        using var cache = new ServiceUrlCache();
        cache.Set(new string(TestIds.TenantId), new string("k1"), new string(TestIds.ServiceUrl));

        Assert.True(cache.IsCurrent(new string(TestIds.TenantId), new string("k1"), new string(TestIds.ServiceUrl)));
    }

    [Fact]
    public void IsCurrent_SameCharactersSplitDifferentlyBetweenTenantAndKey_DoesNotMatch()
    {
        // Entries are keyed by a digest of both values; the digest must tell ("ab", "c") from ("a", "bc").
        using var cache = new ServiceUrlCache();
        cache.Set("ab", "c", TestIds.ServiceUrl);

        Assert.False(cache.IsCurrent("a", "bc", TestIds.ServiceUrl));
        Assert.True(cache.IsCurrent("ab", "c", TestIds.ServiceUrl));
    }

    [Fact]
    public void IsCurrent_KeyLongerThanTheStackBuffer_Matches()
    {
        using var cache = new ServiceUrlCache();
        var key = "19:" + new string('x', 2_000) + "@thread.tacv2";
        cache.Set(TestIds.TenantId, key, TestIds.ServiceUrl);

        Assert.True(cache.IsCurrent(TestIds.TenantId, new string(key), TestIds.ServiceUrl));
        Assert.False(cache.IsCurrent(TestIds.TenantId, key[..^1], TestIds.ServiceUrl));
    }

    [Fact]
    public void Set_SameUrlAgain_KeepsOneEntry()
    {
        using var cache = new ServiceUrlCache(capacity: 2);
        cache.Set(TestIds.TenantId, "a", TestIds.ServiceUrl);
        cache.Set(new string(TestIds.TenantId), new string("a"), new string(TestIds.ServiceUrl));

        Assert.Equal(1, cache.Count);
        Assert.True(cache.IsCurrent(TestIds.TenantId, "a", TestIds.ServiceUrl));
    }

    [Fact]
    public void Remove_KnownKey_Forgets()
    {
        var cache = new ServiceUrlCache();
        cache.Set(TestIds.TenantId, "a", TestIds.ServiceUrl);

        cache.Remove(TestIds.TenantId, "a");

        Assert.Equal(0, cache.Count);
        Assert.False(cache.IsCurrent(TestIds.TenantId, "a", TestIds.ServiceUrl));
    }

    [Fact]
    public void Constructor_CapacityBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceUrlCache(0));
    }
}
