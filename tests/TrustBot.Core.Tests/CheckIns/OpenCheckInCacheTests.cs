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

    private static OpenCheckInCache Cache(ICheckInStore store, TimeSpan lifetime) => new(
        store,
        new CheckInStatements(Mock.Of<IInstallationStore>()),
        Options.Create(new CheckInOptions { CacheDuration = lifetime }),
        new FakeTimeProvider(OpensAt.AddHours(1)));
}
