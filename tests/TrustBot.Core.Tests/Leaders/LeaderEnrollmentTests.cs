using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;
using TrustBot.Core.Scheduling;
using TrustBot.Core.Tests.Fakes;
using TrustBot.Core.Tests.Reminders;

namespace TrustBot.Core.Tests.Leaders;

public sealed class LeaderEnrollmentTests
{
    private const string InstallerId = "29:1installer";
    private readonly InMemoryLeaderStore _leaders = new();
    private readonly Mock<ITimetable> _timetable = new();
    private readonly Mock<IBotMessenger> _messenger = new();
    private readonly InMemoryIdempotencyStore _idempotency = new();
    private readonly Mock<IOutbox> _outbox = new();
    private readonly List<OutboundSend> _queued = [];
    private readonly LeaderEnrollment _enrollment;

    public LeaderEnrollmentTests()
    {
        _timetable.Setup(t => t.AddIfMissingAsync(It.IsAny<TimetableEntry>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _outbox.Setup(o => o.EnqueueAsync(It.IsAny<OutboundSend>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .Callback((OutboundSend send, TimeSpan? _, CancellationToken _) => _queued.Add(send))
            .Returns(Task.CompletedTask);
        Roster([]);
        _enrollment = new LeaderEnrollment(
            _leaders,
            _timetable.Object,
            new LeaderNames(_leaders, _messenger.Object, NullLogger<LeaderNames>.Instance),
            new LeaderIntroductions(_idempotency, _outbox.Object, NullLogger<LeaderIntroductions>.Instance),
            new FakeTimeProvider(LeaderTestData.Now),
            NullLogger<LeaderEnrollment>.Instance);
    }

    [Fact]
    public async Task OnActivatedAsync_TeamInstall_MakesTheInstallerTheFirstLeader()
    {
        await _enrollment.OnActivatedAsync(LeaderTestData.Team(), Install(), CancellationToken.None);

        var leader = Assert.Single(_leaders.All);
        Assert.Equal(TestIds.TenantId, leader.TenantId);
        Assert.Equal(TestIds.TeamId, leader.TeamKey);
        Assert.Equal(InstallerId, leader.UserId);
        Assert.Equal(TestIds.InstallerAadObjectId, leader.AadObjectId);
        Assert.Equal("Ada Lovelace", leader.Name);
        Assert.Equal("America/New_York", leader.TimeZoneId);
        Assert.Equal(TestIds.ServiceUrl, leader.ServiceUrl);
        Assert.Equal(TestIds.BotId, leader.BotId);
        Assert.Equal(LeaderTestData.Now, leader.AddedAt);
        Assert.Null(leader.ChatConversationId);
    }

    [Fact]
    public async Task OnActivatedAsync_TeamInstall_PutsTheInstallersFirstNudgeOnTheTimetable()
    {
        await _enrollment.OnActivatedAsync(LeaderTestData.Team(), Install(), CancellationToken.None);

        // Monday 09:00 in the installer's zone (New York, EST in late November): still ahead of 05:00 there on Monday 23 Nov.
        var expected = new TimetableEntry(TestIds.TenantId, TestIds.TeamId, "nudge|" + InstallerId, new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.Zero));
        _timetable.Verify(t => t.AddIfMissingAsync(expected, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task OnActivatedAsync_InstallerWithoutZone_NudgesInTheTeamsZone()
    {
        await _enrollment.OnActivatedAsync(LeaderTestData.Team("Asia/Tokyo"), Install() with { ActorTimeZone = null }, CancellationToken.None);

        // Monday 09:00 in Tokyo is 00:00 UTC; Monday 23 Nov has passed there, so the next Monday.
        _timetable.Verify(
            t => t.AddIfMissingAsync(It.Is<TimetableEntry>(e => e.DueAt == new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero)), It.IsAny<CancellationToken>()),
            Times.Once);
    }

    [Fact]
    public async Task OnActivatedAsync_InstallerAlreadyLeads_KeepsTheStoredLeaderAndTheirSlot_TakingTheEventsName()
    {
        var stored = LeaderTestData.Leader(InstallerId, "Old name") with { NudgeDay = DayOfWeek.Wednesday, TimeZoneId = "UTC", ChatConversationId = "a:1chat" };
        _leaders.Seed(stored);

        await _enrollment.OnActivatedAsync(LeaderTestData.Team(), Install(), CancellationToken.None);

        Assert.Equal(stored with { Name = "Ada Lovelace" }, Assert.Single(_leaders.All));
        Assert.Empty(_queued);
        _timetable.Verify(
            t => t.AddIfMissingAsync(It.Is<TimetableEntry>(e => e.DueAt == new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero)), It.IsAny<CancellationToken>()),
            Times.Once);
    }

    [Fact]
    public async Task OnActivatedAsync_InstallerAlreadyLeads_EventWithoutAName_KeepsTheStoredName()
    {
        _leaders.Seed(LeaderTestData.Leader(InstallerId, "Ada Lovelace"));

        await _enrollment.OnActivatedAsync(LeaderTestData.Team(), Install() with { ActorName = null }, CancellationToken.None);

        Assert.Equal("Ada Lovelace", Assert.Single(_leaders.All).Name);
    }

    [Fact]
    public async Task OnActivatedAsync_Reinstall_PutsEveryLeadersNudgeBackOnTheTimetable()
    {
        _leaders.Seed(LeaderTestData.Leader(InstallerId, "Ada Lovelace") with { TimeZoneId = "UTC" });
        _leaders.Seed(LeaderTestData.Leader("29:1grace", "Grace Hopper") with { TimeZoneId = "Asia/Tokyo", NudgeDay = DayOfWeek.Friday });
        _leaders.Seed(LeaderTestData.Leader("29:1other", "Other team", teamKey: "19:otherteam"));

        await _enrollment.OnActivatedAsync(LeaderTestData.Team(), Install(), CancellationToken.None);

        _timetable.Verify(t => t.AddIfMissingAsync(It.Is<TimetableEntry>(e => e.Job == "nudge|" + InstallerId), It.IsAny<CancellationToken>()), Times.Once);
        // Grace's own slot: Friday 09:00 in Tokyo, 00:00 UTC on Friday 27 November.
        var grace = new TimetableEntry(TestIds.TenantId, TestIds.TeamId, "nudge|29:1grace", new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero));
        _timetable.Verify(t => t.AddIfMissingAsync(grace, It.IsAny<CancellationToken>()), Times.Once);
        _timetable.Verify(t => t.AddIfMissingAsync(It.Is<TimetableEntry>(e => e.InstallationKey != TestIds.TeamId), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task OnActivatedAsync_NewInstaller_QueuesOneIntroductionForThemOnly()
    {
        _leaders.Seed(LeaderTestData.Leader("29:1grace", "Grace Hopper"));

        await _enrollment.OnActivatedAsync(LeaderTestData.Team(), Install(), CancellationToken.None);

        var send = Assert.Single(_queued);
        Assert.Equal((OutboundKinds.LeaderIntro, TestIds.TenantId, TestIds.TeamId, InstallerId), (send.Kind, send.TenantId, send.InstallationKey, send.RecipientId));
        Assert.Equal(LeaderIntroductions.KeyFor(Assert.Single(_leaders.All, l => l.UserId == InstallerId)), send.IdempotencyKey);
        Assert.Contains(send.IdempotencyKey, _idempotency.Keys);
    }

    [Fact]
    public async Task OnActivatedAsync_IntroductionSentBefore_IsNotQueuedAgain()
    {
        var key = LeaderIntroductions.KeyFor(LeaderTestData.Leader(InstallerId));
        await _idempotency.CompleteAsync(key, "1", CancellationToken.None);

        await _enrollment.OnActivatedAsync(LeaderTestData.Team(), Install(), CancellationToken.None);

        Assert.Single(_leaders.All);
        Assert.Empty(_queued);
    }

    [Fact]
    public async Task OnActivatedAsync_IntroductionBegunButNeverQueued_IsQueued()
    {
        await _idempotency.TryBeginAsync(LeaderIntroductions.KeyFor(LeaderTestData.Leader(InstallerId)), CancellationToken.None);

        await _enrollment.OnActivatedAsync(LeaderTestData.Team(), Install(), CancellationToken.None);

        Assert.Single(_queued);
    }

    [Fact]
    public async Task OnActivatedAsync_EventWithoutAName_TakesTheInstallersNameFromTheRoster()
    {
        Roster([new TeamMember("29:1someone", null, "Someone"), new TeamMember(InstallerId, TestIds.InstallerAadObjectId, "Ada Lovelace")]);

        await _enrollment.OnActivatedAsync(LeaderTestData.Team(), Install() with { ActorName = "  " }, CancellationToken.None);

        Assert.Equal("Ada Lovelace", Assert.Single(_leaders.All).Name);
        Assert.Single(_queued);
    }

    [Fact]
    public async Task OnActivatedAsync_EventWithoutAName_RosterUnreadable_StillEnrolsAndIntroducesTheInstaller()
    {
        _messenger.Setup(m => m.ListMembersAsync(TestIds.TenantId, TestIds.ServiceUrl, TestIds.TeamId, It.IsAny<CancellationToken>()))
            .Returns(Failing());

        await _enrollment.OnActivatedAsync(LeaderTestData.Team(), Install() with { ActorName = null }, CancellationToken.None);

        Assert.Null(Assert.Single(_leaders.All).Name);
        Assert.Single(_queued);
        _timetable.Verify(t => t.AddIfMissingAsync(It.Is<TimetableEntry>(e => e.Job == "nudge|" + InstallerId), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task OnActivatedAsync_EventWithAName_DoesNotReadTheRoster()
    {
        await _enrollment.OnActivatedAsync(LeaderTestData.Team(), Install(), CancellationToken.None);

        _messenger.Verify(m => m.ListMembersAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task OnActivatedAsync_NoActorId_AddsNobody()
    {
        await _enrollment.OnActivatedAsync(LeaderTestData.Team(), Install() with { ActorId = null }, CancellationToken.None);

        Assert.Empty(_leaders.All);
        Assert.Empty(_queued);
        _timetable.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData(ConversationKind.Personal)]
    [InlineData(ConversationKind.GroupChat)]
    public async Task OnActivatedAsync_ChatInstall_AddsNobody(ConversationKind kind)
    {
        var chat = LeaderTestData.Team() with { Kind = kind, Key = TestIds.GroupChatId, TeamId = null };

        await _enrollment.OnActivatedAsync(chat, Install() with { Kind = kind }, CancellationToken.None);

        Assert.Empty(_leaders.All);
        _timetable.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task OnRemovedAsync_KeepsTheLeaders()
    {
        _leaders.Seed(LeaderTestData.Leader(InstallerId));

        await _enrollment.OnRemovedAsync(TestIds.TenantId, TestIds.TeamId, CancellationToken.None);

        Assert.Single(_leaders.All);
        _timetable.VerifyNoOtherCalls();
    }

    private void Roster(IReadOnlyList<TeamMember> members) =>
        _messenger.Setup(m => m.ListMembersAsync(TestIds.TenantId, TestIds.ServiceUrl, TestIds.TeamId, It.IsAny<CancellationToken>())).Returns(() => members.ToAsyncEnumerable());

    private static async IAsyncEnumerable<TeamMember> Failing()
    {
        await Task.Yield();
        throw new InvalidOperationException("The roster could not be read.");
#pragma warning disable CS0162 // An iterator needs a yield to be one.
        yield break;
#pragma warning restore CS0162
    }

    private static InstallationEvent Install() => new()
    {
        TenantId = TestIds.TenantId,
        Kind = ConversationKind.Channel,
        ConversationId = TestIds.ChosenChannelId,
        TeamId = TestIds.TeamId,
        TeamName = "Platform Team",
        ServiceUrl = TestIds.ServiceUrl,
        BotId = TestIds.BotId,
        ActorId = InstallerId,
        ActorAadObjectId = TestIds.InstallerAadObjectId,
        ActorName = "Ada Lovelace",
        ActorTimeZone = "America/New_York",
        Change = InstallationChange.Added,
    };
}
