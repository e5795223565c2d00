using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Delivery;
using TrustBot.Core.Reminders;
using TrustBot.Core.Scheduling;
using static TrustBot.Core.Tests.Digests.DigestSamples;

namespace TrustBot.Core.Tests.Reminders;

public sealed class ReminderJobTests
{
    private static readonly DateTimeOffset OpensAt = new(2026, 11, 17, 10, 0, 0, TimeSpan.Zero);

    private readonly Mock<ICheckInStore> _checkIns = new();
    private readonly FakeTimeProvider _time = new(OpensAt.AddDays(1.5));
    private readonly CheckIn _checkIn = CheckIn("ci-open", OpensAt) with { Status = CheckInStatus.Open };
    private readonly TimetableEntry _entry;

    public ReminderJobTests()
    {
        _entry = new TimetableEntry(TestIds.TenantId, TestIds.TeamId, JobNames.For(JobNames.Reminder, _checkIn.CheckInId), OpensAt.AddDays(1.5));
        _checkIns.Setup(c => c.GetAsync(TestIds.TenantId, _checkIn.CheckInId, It.IsAny<CancellationToken>())).ReturnsAsync(() => _checkIn);
    }

    [Fact]
    public async Task RunAsync_OpenCheckIn_OneTeamLevelSendAndNeverDueAgain()
    {
        var run = await new ReminderJob(_checkIns.Object, _time).RunAsync(_entry, CancellationToken.None);

        var send = Assert.Single(run.Sends);
        Assert.Null(run.NextDueAt);
        Assert.Equal("reminder:" + _entry.OccurrenceKey, send.IdempotencyKey);
        Assert.Equal(OutboundKinds.Reminder, send.Kind);
        Assert.Null(send.RecipientId);
        Assert.Equal(TestIds.TeamId, send.InstallationKey);
        Assert.Equal(_checkIn.CheckInId, (string?)JsonNode.Parse(send.PayloadJson)![ReminderJob.CheckInIdKey]);
    }

    [Fact]
    public async Task RunAsync_ClosedOrMissingCheckIn_NoSends()
    {
        _time.SetUtcNow(_checkIn.ClosesAt);
        var closed = await new ReminderJob(_checkIns.Object, _time).RunAsync(_entry, CancellationToken.None);
        var missing = await new ReminderJob(_checkIns.Object, _time).RunAsync(_entry with { Job = JobNames.For(JobNames.Reminder, "ci-unknown") }, CancellationToken.None);

        Assert.Empty(closed.Sends);
        Assert.Null(closed.NextDueAt);
        Assert.Empty(missing.Sends);
        Assert.Null(missing.NextDueAt);
    }
}
