using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Core.Scheduling;
using TrustBot.Core.Tests.Fakes;
using TrustBot.Core.Tests.Scheduling;
using OptionsFactory = Microsoft.Extensions.Options.Options;

namespace TrustBot.Core.Tests.CheckIns;

public sealed class CheckInSenderTests
{
    // Tuesday 10:00 Berlin; a two-day check-in is halfway on Wednesday 10:00.
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly OutboundSend Send = new("checkin:occurrence", OutboundKinds.CheckIn, TestIds.TenantId, TestIds.TeamId, null, "{}");

    private readonly InMemoryInstallationStore _installations = new();
    private readonly Mock<ICheckInStore> _checkIns = new();
    private readonly Mock<IBotMessenger> _messenger = new();
    private readonly Mock<ITimetable> _timetable = new();

    public CheckInSenderTests()
    {
        _checkIns.Setup(s => s.ListForInstallationAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(AsyncEnumerable.Empty<CheckIn>());
    }

    [Fact]
    public async Task SendAsync_Posted_ReturnsDeliveredWithTheIdAndPlansTheReminderHalfway()
    {
        _installations.Seed(TeamJobsTests.Team(TeamSchedule.Default("Europe/Berlin")));
        MessengerReturns(new DeliveryResult(DeliveryOutcome.Delivered, "activity-7"));
        TimetableEntry? planned = null;
        _timetable.Setup(t => t.SetAsync(It.IsAny<TimetableEntry>(), It.IsAny<CancellationToken>()))
            .Callback((TimetableEntry e, CancellationToken _) => planned = e).Returns(Task.CompletedTask);

        var result = await Sender().SendAsync(Send, CancellationToken.None);

        Assert.Equal((DeliveryOutcome.Delivered, "activity-7"), (result.Outcome, result.ActivityId));
        Assert.NotNull(planned);
        Assert.Equal(JobNames.Reminder, planned.Kind);
        Assert.Equal((TestIds.TenantId, TestIds.TeamId, Now.AddDays(1)), (planned.TenantId, planned.InstallationKey, planned.DueAt));
    }

    [Fact]
    public async Task SendAsync_ReminderCannotBePlanned_StillDelivered()
    {
        _installations.Seed(TeamJobsTests.Team(TeamSchedule.Default("Europe/Berlin")));
        MessengerReturns(new DeliveryResult(DeliveryOutcome.Delivered, "activity-7"));
        _timetable.Setup(t => t.SetAsync(It.IsAny<TimetableEntry>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("storage down"));

        var result = await Sender().SendAsync(Send, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
    }

    [Theory]
    [InlineData(DeliveryOutcome.Throttled)]
    [InlineData(DeliveryOutcome.RecipientGone)]
    public async Task SendAsync_NotPosted_ReturnsTheOutcomeAndPlansNoReminder(DeliveryOutcome outcome)
    {
        _installations.Seed(TeamJobsTests.Team(null));
        MessengerReturns(new DeliveryResult(outcome, Detail: "429"));

        var result = await Sender().SendAsync(Send, CancellationToken.None);

        Assert.Equal(outcome, result.Outcome);
        _timetable.Verify(t => t.SetAsync(It.IsAny<TimetableEntry>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task SendAsync_TeamRemoved_DeliveredWithoutPosting()
    {
        _installations.Seed(TeamJobsTests.Team(null) with { Status = InstallationStatus.Removed });

        var result = await Sender().SendAsync(Send, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        _messenger.Verify(m => m.SendCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task SendAsync_WhileTheTeamsLastCheckInIsOpen_SettlesWithoutPostingOrPlanningAReminder()
    {
        _installations.Seed(TeamJobsTests.Team(TeamSchedule.Default("Europe/Berlin")));
        var open = new CheckIn
        {
            TenantId = TestIds.TenantId,
            CheckInId = "open-one",
            InstallationKey = TestIds.TeamId,
            ConversationId = "19:channel@thread.tacv2",
            ServiceUrl = "https://smba.trafficmanager.net/emea/",
            StatementIds = ["ps-risk"],
            Threshold = 5,
            OpensAt = Now.AddHours(-2),
            ClosesAt = Now.AddDays(2),
        };
        _checkIns.Setup(s => s.CreateAsync(It.IsAny<CheckIn>(), It.IsAny<byte[]>(), It.IsAny<CancellationToken>())).ReturnsAsync(open);

        var result = await Sender().SendAsync(Send, CancellationToken.None);

        // Delivered settles the occurrence: retrying it would only be refused again.
        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        _messenger.Verify(m => m.SendCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _timetable.Verify(t => t.SetAsync(It.IsAny<TimetableEntry>(), It.IsAny<CancellationToken>()), Times.Never);
        _timetable.Verify(t => t.AddIfMissingAsync(It.IsAny<TimetableEntry>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task SendAsync_Posted_PlansTheCheckInsCloseAtItsClosingTime()
    {
        _installations.Seed(TeamJobsTests.Team(TeamSchedule.Default("Europe/Berlin")));
        MessengerReturns(new DeliveryResult(DeliveryOutcome.Delivered, "activity-7"));
        TimetableEntry? close = null;
        _timetable.Setup(t => t.AddIfMissingAsync(It.IsAny<TimetableEntry>(), It.IsAny<CancellationToken>()))
            .Callback((TimetableEntry e, CancellationToken _) => close = e).ReturnsAsync(true);

        await Sender().SendAsync(Send, CancellationToken.None);

        Assert.NotNull(close);
        Assert.Equal(CheckInCloseJob.JobKind, close.Kind);
        Assert.Equal((TestIds.TenantId, TestIds.TeamId, Now.AddDays(2)), (close.TenantId, close.InstallationKey, close.DueAt));
    }

    [Fact]
    public async Task SendAsync_CloseCannotBePlanned_StillPostsAndDelivers()
    {
        _installations.Seed(TeamJobsTests.Team(TeamSchedule.Default("Europe/Berlin")));
        MessengerReturns(new DeliveryResult(DeliveryOutcome.Delivered, "activity-7"));
        _timetable.Setup(t => t.AddIfMissingAsync(It.IsAny<TimetableEntry>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("storage down"));

        var result = await Sender().SendAsync(Send, CancellationToken.None);

        Assert.Equal((DeliveryOutcome.Delivered, "activity-7"), (result.Outcome, result.ActivityId));
        _messenger.Verify(m => m.SendCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    private void MessengerReturns(DeliveryResult result) =>
        _messenger.Setup(m => m.SendCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(result);

    private CheckInSender Sender()
    {
        var launcher = new CheckInLauncher(
            _checkIns.Object,
            _timetable.Object,
            _messenger.Object,
            OptionsFactory.Create(new CheckInOptions { Duration = TimeSpan.FromDays(2) }),
            OptionsFactory.Create(new AnonymityOptions()),
            new FakeTimeProvider(Now),
            NullLogger<CheckInLauncher>.Instance);
        return new CheckInSender(_installations, launcher, _timetable.Object, NullLogger<CheckInSender>.Instance);
    }
}
