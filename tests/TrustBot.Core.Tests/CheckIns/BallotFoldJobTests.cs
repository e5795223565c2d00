using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Delivery;
using TrustBot.Core.Tests.Reminders;

namespace TrustBot.Core.Tests.CheckIns;

public sealed class BallotFoldJobTests
{
    private static readonly DateTimeOffset FoldTime = new(2026, 3, 11, 9, 1, 0, TimeSpan.Zero);

    private readonly Mock<IBallotFolder> _folder = new();
    private readonly Mock<ICheckInStore> _checkIns = new();
    private readonly Mock<ILeaseStore> _leases = new();
    private readonly Mock<IOutbox> _outbox = new();
    private readonly InMemoryIdempotencyStore _idempotency = new();
    private readonly List<OutboundSend> _queued = [];

    public BallotFoldJobTests()
    {
        _leases.Setup(l => l.TryAcquireAsync(BallotFoldJob.LeaseResource, "me", It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Lease(BallotFoldJob.LeaseResource, "me", FoldTime.AddSeconds(30), "v1"));
        _outbox.Setup(o => o.EnqueueAsync(It.IsAny<OutboundSend>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .Callback((OutboundSend send, TimeSpan? _, CancellationToken _) => _queued.Add(send)).Returns(Task.CompletedTask);
    }

    [Fact]
    public async Task RunAsync_FoldMovedAnOpenCheckIn_QueuesItsCardRefreshOnceForThatFoldTime()
    {
        var open = Stored(CheckInCloseJobTests.CheckIn("ci-open") with { ActivityId = "1", ClosesAt = FoldTime.AddDays(1) });
        Folded(new FoldedBallots(TestIds.TenantId, "ci-open", 5), new FoldedBallots(TestIds.TenantId, "speakup-box", 3));

        Assert.Equal(8, await Job().RunAsync(FoldTime, CancellationToken.None));
        // The same fold time handed over again (another instance folding late ballots of that fold) adds nothing once sent.
        await _idempotency.CompleteAsync(SharedCards.AfterFold(open, FoldTime).IdempotencyKey, null, CancellationToken.None);
        await Job().RunAsync(FoldTime, CancellationToken.None);

        Assert.Equal(SharedCards.AfterFold(open, FoldTime), Assert.Single(_queued));
        _outbox.Verify(o => o.EnqueueAsync(It.IsAny<OutboundSend>(), null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunAsync_FoldOfAClosedOrUnpostedCheckIn_QueuesNothing()
    {
        Stored(CheckInCloseJobTests.CheckIn("ci-closed") with { ActivityId = "1", Status = CheckInStatus.Closed });
        Stored(CheckInCloseJobTests.CheckIn("ci-unposted") with { ClosesAt = FoldTime.AddDays(1) });
        Folded(new FoldedBallots(TestIds.TenantId, "ci-closed", 5), new FoldedBallots(TestIds.TenantId, "ci-unposted", 5));

        await Job().RunAsync(FoldTime, CancellationToken.None);

        Assert.Empty(_queued);
    }

    [Fact]
    public async Task RunAsync_QueuingOneRefreshFails_TheOthersAreStillQueuedAndTheCountStands()
    {
        Stored(CheckInCloseJobTests.CheckIn("ci-a") with { ActivityId = "1", ClosesAt = FoldTime.AddDays(1) });
        var b = Stored(CheckInCloseJobTests.CheckIn("ci-b") with { ActivityId = "2", ClosesAt = FoldTime.AddDays(1) });
        _checkIns.Setup(s => s.GetAsync(TestIds.TenantId, "ci-a", It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("storage down"));
        Folded(new FoldedBallots(TestIds.TenantId, "ci-a", 5), new FoldedBallots(TestIds.TenantId, "ci-b", 6));

        Assert.Equal(11, await Job().RunAsync(FoldTime, CancellationToken.None));

        Assert.Equal(SharedCards.AfterFold(b, FoldTime), Assert.Single(_queued));
    }

    [Fact]
    public async Task RunAsync_AnotherInstanceIsFolding_FoldsAndQueuesNothing()
    {
        _leases.Setup(l => l.TryAcquireAsync(BallotFoldJob.LeaseResource, "me", It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>())).ReturnsAsync((Lease?)null);

        Assert.Equal(0, await Job().RunAsync(FoldTime, CancellationToken.None));

        _folder.Verify(f => f.FoldDueAsync(It.IsAny<CancellationToken>()), Times.Never);
        Assert.Empty(_queued);
    }

    private BallotFoldJob Job() => new(
        _folder.Object, _checkIns.Object, new OutboxSends(_idempotency, _outbox.Object), _leases.Object, new DeliveryInstance("me"), NullLogger<BallotFoldJob>.Instance);

    private void Folded(params FoldedBallots[] boxes) =>
        _folder.Setup(f => f.FoldDueAsync(It.IsAny<CancellationToken>())).ReturnsAsync(boxes);

    private CheckIn Stored(CheckIn checkIn)
    {
        _checkIns.Setup(s => s.GetAsync(checkIn.TenantId, checkIn.CheckInId, It.IsAny<CancellationToken>())).ReturnsAsync(checkIn);
        return checkIn;
    }
}
