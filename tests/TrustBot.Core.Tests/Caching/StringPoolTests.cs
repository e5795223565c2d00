using TrustBot.Core.Caching;

namespace TrustBot.Core.Tests.Caching;

public sealed class StringPoolTests
{
    [Fact]
    public void Share_EqualValues_ReturnsOneInstance()
    {
        var pool = new StringPool(capacity: 4);
        var first = pool.Share(new string("https://smba.trafficmanager.net/emea/"));

        var second = pool.Share(new string("https://smba.trafficmanager.net/emea/"));

        Assert.Same(first, second);
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void Share_BeyondCapacity_HandsBackTheValueWithoutKeepingIt()
    {
        var pool = new StringPool(capacity: 2);
        pool.Share("a");
        pool.Share("b");
        var extra = new string("c");

        var shared = pool.Share(extra);

        Assert.Same(extra, shared);
        Assert.NotSame(shared, pool.Share(new string("c")));
        Assert.Equal(2, pool.Count);
        Assert.Same(pool.Share("a"), pool.Share(new string("a")));
    }
}
