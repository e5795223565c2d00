using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Installations;
using static TrustBot.Core.Tests.Cards.CardInspection;

namespace TrustBot.Core.Tests.CheckIns;

public sealed class OpenCheckInCacheTests
{
    private static readonly CheckIn Open = CheckIn(["ps-mistakes"]);

    [Fact]
    public async Task GetAsync_ABurstOfVotesOnACheckInNotInMemory_ReadsItOnce()
    {
        var read = new TaskCompletionSource<CheckIn?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new Mock<ICheckInStore>();
        store.Setup(s => s.GetAsync(Open.TenantId, Open.CheckInId, It.IsAny<CancellationToken>())).Returns(read.Task);
        store.Setup(s => s.GetSaltAsync(Open.TenantId, Open.CheckInId, It.IsAny<CancellationToken>())).ReturnsAsync(new byte[32]);
        var cache = Cache(store.Object, TimeSpan.FromSeconds(10));

        var votes = Enumerable.Range(0, 200).Select(_ => cache.GetAsync(Open.TenantId, Open.CheckInId, CancellationToken.None)).ToList();
        read.SetResult(Open);

        Assert.All(await Task.WhenAll(votes), entry => Assert.Equal(Open.CheckInId, entry.CheckIn!.CheckInId));
        store.Verify(s => s.GetAsync(Open.TenantId, Open.CheckInId, It.IsAny<CancellationToken>()), Times.Once);
        store.Verify(s => s.GetSaltAsync(Open.TenantId, Open.CheckInId, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task GetAsync_CacheOff_ReadsForEveryVote()
    {
        var store = new Mock<ICheckInStore>();
        store.Setup(s => s.GetAsync(Open.TenantId, Open.CheckInId, It.IsAny<CancellationToken>())).ReturnsAsync(Open);
        store.Setup(s => s.GetSaltAsync(Open.TenantId, Open.CheckInId, It.IsAny<CancellationToken>())).ReturnsAsync(new byte[32]);
        var cache = Cache(store.Object, TimeSpan.Zero);

        await cache.GetAsync(Open.TenantId, Open.CheckInId, CancellationToken.None);
        await cache.GetAsync(Open.TenantId, Open.CheckInId, CancellationToken.None);

        store.Verify(s => s.GetAsync(Open.TenantId, Open.CheckInId, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task GetAsync_PastCapacity_KeepsTheRecentlyRead()
    {
        var clock = new FakeTimeProvider(OpensAt.AddHours(1));
        var store = new Mock<ICheckInStore>();
        store.Setup(s => s.GetAsync(Open.TenantId, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string id, CancellationToken _) => Open with { CheckInId = id });
        store.Setup(s => s.GetSaltAsync(Open.TenantId, It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(new byte[32]);
        using var cache = Cache(store.Object, TimeSpan.FromMinutes(10), clock);
        for (var i = 0; i <= OpenCheckInCache.MaxEntries; i++)
        {
            await cache.GetAsync(Open.TenantId, $"check-in-{i}", CancellationToken.None);
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        // The one past capacity made room by dropping the least recently read, not every check-in.
        await cache.GetAsync(Open.TenantId, $"check-in-{OpenCheckInCache.MaxEntries - 1}", CancellationToken.None);
        await cache.GetAsync(Open.TenantId, $"check-in-{OpenCheckInCache.MaxEntries}", CancellationToken.None);
        store.Verify(s => s.GetAsync(Open.TenantId, It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Exactly(OpenCheckInCache.MaxEntries + 1));

        await cache.GetAsync(Open.TenantId, "check-in-0", CancellationToken.None);
        store.Verify(s => s.GetAsync(Open.TenantId, It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Exactly(OpenCheckInCache.MaxEntries + 2));
    }

    [Fact]
    public async Task GetAsync_NeverOutlivesTheClosingTime_AndEvictReadsAgain()
    {
        var clock = new FakeTimeProvider(Open.ClosesAt.AddSeconds(-5));
        var store = new Mock<ICheckInStore>();
        store.Setup(s => s.GetAsync(Open.TenantId, Open.CheckInId, It.IsAny<CancellationToken>())).ReturnsAsync(Open);
        store.Setup(s => s.GetSaltAsync(Open.TenantId, Open.CheckInId, It.IsAny<CancellationToken>())).ReturnsAsync(new byte[32]);
        using var cache = Cache(store.Object, TimeSpan.FromMinutes(10), clock);

        await cache.GetAsync(Open.TenantId, Open.CheckInId, CancellationToken.None);
        await cache.GetAsync(Open.TenantId, Open.CheckInId, CancellationToken.None);
        store.Verify(s => s.GetAsync(Open.TenantId, Open.CheckInId, It.IsAny<CancellationToken>()), Times.Once);

        cache.Evict(Open.TenantId, Open.CheckInId);
        await cache.GetAsync(Open.TenantId, Open.CheckInId, CancellationToken.None);
        store.Verify(s => s.GetAsync(Open.TenantId, Open.CheckInId, It.IsAny<CancellationToken>()), Times.Exactly(2));

        clock.Advance(TimeSpan.FromSeconds(5));
        var (_, salt, _) = await cache.GetAsync(Open.TenantId, Open.CheckInId, CancellationToken.None);
        Assert.Null(salt);
        store.Verify(s => s.GetAsync(Open.TenantId, Open.CheckInId, It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    private static OpenCheckInCache Cache(ICheckInStore store, TimeSpan lifetime, FakeTimeProvider? clock = null) => new(
        store,
        new CheckInStatements(Mock.Of<IInstallationStore>()),
        Options.Create(new CheckInOptions { CacheDuration = lifetime }),
        clock ?? new FakeTimeProvider(OpensAt.AddHours(1)));
}
