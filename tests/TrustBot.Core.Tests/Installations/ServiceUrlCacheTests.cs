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
        var cache = new ServiceUrlCache(capacity: 2);
        cache.Set(TestIds.TenantId, "a", TestIds.ServiceUrl);
        cache.Set(TestIds.TenantId, "b", TestIds.ServiceUrl);
        Assert.True(cache.IsCurrent(TestIds.TenantId, "a", TestIds.ServiceUrl));

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
