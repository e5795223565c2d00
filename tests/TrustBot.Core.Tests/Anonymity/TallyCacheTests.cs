using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Anonymity;

namespace TrustBot.Core.Tests.Anonymity;

public sealed class TallyCacheTests
{
    private const string Tenant = "tenant-1";
    private const string Box = "box-1";
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task GetAsync_FiftyVotersFindingItStaleAtOnce_ShareOneRead()
    {
        var read = new TaskCompletionSource<Tally>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ballots = new Mock<IBallotBox>();
        ballots.Setup(b => b.GetTallyAsync(Tenant, Box, It.IsAny<CancellationToken>())).Returns(read.Task);
        var cache = new TallyCache(ballots.Object, new FakeTimeProvider());

        var views = Enumerable.Range(0, 50).Select(_ => cache.GetAsync(Tenant, Box, Second, CancellationToken.None)).ToList();
        read.SetResult(new Tally(7, new Dictionary<string, int[]>()));

        Assert.All(await Task.WhenAll(views), tally => Assert.Equal(7, tally.Replies));
        ballots.Verify(b => b.GetTallyAsync(Tenant, Box, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task GetParticipantsAsync_ReadsAgainOnlyOnceTheLifetimeIsOver()
    {
        var clock = new FakeTimeProvider();
        var ballots = new Mock<IBallotBox>();
        ballots.SetupSequence(b => b.CountParticipantsAsync(Tenant, Box, It.IsAny<CancellationToken>())).ReturnsAsync(3).ReturnsAsync(4);
        var cache = new TallyCache(ballots.Object, clock);

        Assert.Equal(3, await cache.GetParticipantsAsync(Tenant, Box, Second, CancellationToken.None));
        clock.Advance(TimeSpan.FromMilliseconds(900));
        Assert.Equal(3, await cache.GetParticipantsAsync(Tenant, Box, Second, CancellationToken.None));
        clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(4, await cache.GetParticipantsAsync(Tenant, Box, Second, CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_OneCallerCancelled_TheOthersStillGetTheSharedRead()
    {
        var read = new TaskCompletionSource<Tally>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ballots = new Mock<IBallotBox>();
        ballots.Setup(b => b.GetTallyAsync(Tenant, Box, It.IsAny<CancellationToken>())).Returns(read.Task);
        var cache = new TallyCache(ballots.Object, new FakeTimeProvider());
        using var cancelled = new CancellationTokenSource();

        var gaveUp = cache.GetAsync(Tenant, Box, Second, cancelled.Token);
        var waiting = cache.GetAsync(Tenant, Box, Second, CancellationToken.None);
        await cancelled.CancelAsync();
        read.SetResult(new Tally(5, new Dictionary<string, int[]>()));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gaveUp);
        Assert.Equal(5, (await waiting).Replies);
    }

    [Fact]
    public async Task GetAsync_LifetimeZero_ReadsEveryTime()
    {
        var ballots = new Mock<IBallotBox>();
        ballots.Setup(b => b.GetTallyAsync(Tenant, Box, It.IsAny<CancellationToken>())).ReturnsAsync(Tally.Empty);
        var cache = new TallyCache(ballots.Object, new FakeTimeProvider());

        await cache.GetAsync(Tenant, Box, TimeSpan.Zero, CancellationToken.None);
        await cache.GetAsync(Tenant, Box, TimeSpan.Zero, CancellationToken.None);

        ballots.Verify(b => b.GetTallyAsync(Tenant, Box, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task GetAsync_PastCapacity_KeepsTheRecentlyRead()
    {
        var clock = new FakeTimeProvider();
        var ballots = new Mock<IBallotBox>();
        ballots.Setup(b => b.GetTallyAsync(Tenant, It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(Tally.Empty);
        using var cache = new TallyCache(ballots.Object, clock);
        var lifetime = TimeSpan.FromMinutes(10);
        for (var i = 0; i <= TallyCache.MaxEntries; i++)
        {
            await cache.GetAsync(Tenant, $"box-{i}", lifetime, CancellationToken.None);
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        // The one past capacity made room by dropping the least recently read, not every box.
        await cache.GetAsync(Tenant, $"box-{TallyCache.MaxEntries - 1}", lifetime, CancellationToken.None);
        await cache.GetAsync(Tenant, $"box-{TallyCache.MaxEntries}", lifetime, CancellationToken.None);
        ballots.Verify(b => b.GetTallyAsync(Tenant, It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Exactly(TallyCache.MaxEntries + 1));

        await cache.GetAsync(Tenant, "box-0", lifetime, CancellationToken.None);
        ballots.Verify(b => b.GetTallyAsync(Tenant, It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Exactly(TallyCache.MaxEntries + 2));
    }
}
