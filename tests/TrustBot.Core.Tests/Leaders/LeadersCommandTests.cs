using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Commands;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;
using TrustBot.Core.Scheduling;
using TrustBot.Core.Tests.Fakes;

namespace TrustBot.Core.Tests.Leaders;

public sealed class LeadersCommandTests
{
    private const string AdaId = "29:1ada";
    private const string GraceId = "29:1grace";
    private const string AlanId = "29:1alan";

    private readonly InMemoryInstallationStore _installations = new();
    private readonly InMemoryLeaderStore _leaders = new();
    private readonly Mock<ITimetable> _timetable = new();
    private readonly Mock<IBotMessenger> _messenger = new();
    private readonly MessageReplies _collected = new();
    private readonly LeadersCommand _command;

    public LeadersCommandTests()
    {
        _installations.Seed(LeaderTestData.Team());
        _leaders.Seed(LeaderTestData.Leader(AdaId, "Ada Lovelace", "aad-ada"));
        _timetable.Setup(t => t.AddIfMissingAsync(It.IsAny<TimetableEntry>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _messenger
            .Setup(m => m.ListMembersAsync(TestIds.TenantId, TestIds.ServiceUrl, TestIds.TeamId, It.IsAny<CancellationToken>()))
            .Returns(() => new[] { AdaId, GraceId, AlanId }.Select(id => new TeamMember(id, null, null)).ToAsyncEnumerable());
        var time = new FakeTimeProvider(LeaderTestData.Now);
        var details = new LeaderDetails(_leaders, time, NullLogger<LeaderDetails>.Instance);
        _command = new LeadersCommand(
            new InstallationResolver(_installations, new PersonLeadership(_leaders)), _leaders, new LeaderChanges(_leaders, _timetable.Object, details, time), details, new PersonLeadership(_leaders),
            new LeaderNames(_leaders, _messenger.Object, NullLogger<LeaderNames>.Instance), new LeaderCandidateCheck(_messenger.Object), _collected, NullLogger<LeadersCommand>.Instance);
    }

    // The command's answers, as it queued them for the conversation it was asked in.
    private List<string> Replies => [.. _collected.Collected.Select(r => r.Text!)];

    [Fact]
    public async Task Leaders_InTheChannel_ListsNamesNeverIds()
    {
        _leaders.Seed(LeaderTestData.Leader(GraceId, "Grace Hopper") with { AddedAt = LeaderTestData.Now.AddDays(1) });

        await RunAsync("", From(AdaId));

        var reply = Assert.Single(Replies);
        Assert.Contains("Ada Lovelace and Grace Hopper", reply, StringComparison.Ordinal);
        Assert.Contains("Platform Team", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("29:", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("aad-", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeadersAdd_ByALeader_AddsEachMentionedPersonWithANudge()
    {
        var grace = new TeamMember(GraceId, "aad-grace", "Grace Hopper");
        var alan = new TeamMember(AlanId, null, "Alan Turing");

        await RunAsync("add Grace Hopper Alan Turing", From(AdaId) with { Mentions = [grace, alan] });

        var added = _leaders.All.Where(l => l.UserId != AdaId).OrderBy(l => l.UserId, StringComparer.Ordinal).ToList();
        Assert.Equal([AlanId, GraceId], added.Select(l => l.UserId));
        Assert.Equal([null, "aad-grace"], added.Select(l => l.AadObjectId));
        Assert.Equal(["Alan Turing", "Grace Hopper"], added.Select(l => l.Name));
        Assert.All(added, l => Assert.Equal((TestIds.ServiceUrl, TestIds.BotId, TestIds.TeamId), (l.ServiceUrl, l.BotId, l.TeamKey)));
        foreach (var id in new[] { GraceId, AlanId })
        {
            _timetable.Verify(t => t.AddIfMissingAsync(
                It.Is<TimetableEntry>(e => e.Job == "nudge|" + id && e.InstallationKey == TestIds.TeamId && e.DueAt > LeaderTestData.Now),
                It.IsAny<CancellationToken>()), Times.Once);
        }

        var reply = Assert.Single(Replies);
        Assert.Contains("Grace Hopper now leads", reply, StringComparison.Ordinal);
        Assert.Contains("Alan Turing now leads", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeadersAdd_SomeoneWhoAlreadyLeads_SaysSoAndChangesNothing()
    {
        await RunAsync("add Ada", From(AdaId) with { Mentions = [new TeamMember(AdaId, null, "Ada Lovelace")] });

        Assert.Single(_leaders.All);
        _timetable.VerifyNoOtherCalls();
        Assert.Contains("Ada Lovelace already leads", Assert.Single(Replies), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeadersAdd_ByANonLeader_IsRefusedNamingWhoCan_AndChangesNothing()
    {
        await RunAsync("add Alan", From(GraceId) with { FromAadObjectId = "aad-grace", Mentions = [new TeamMember(AlanId, null, "Alan Turing")] });

        Assert.Equal([AdaId], _leaders.All.Select(l => l.UserId));
        _timetable.VerifyNoOtherCalls();
        var reply = Assert.Single(Replies);
        Assert.Contains("Only the leaders", reply, StringComparison.Ordinal);
        Assert.Contains("Ada Lovelace", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeadersAdd_SenderKnownOnlyByEntraId_IsALeader()
    {
        await RunAsync("add Alan", From("29:1ada-in-another-client") with { FromAadObjectId = "AAD-ADA", Mentions = [new TeamMember(AlanId, null, "Alan Turing")] });

        Assert.Contains(_leaders.All, l => l.UserId == AlanId);
    }

    [Fact]
    public async Task LeadersRemove_ByALeader_RemovesThePersonAndTheirNudge()
    {
        _leaders.Seed(LeaderTestData.Leader(GraceId, "Grace Hopper"));

        await RunAsync("remove Grace", From(AdaId) with { Mentions = [new TeamMember(GraceId, null, "Grace Hopper")] });

        Assert.Equal([AdaId], _leaders.All.Select(l => l.UserId));
        _timetable.Verify(t => t.RemoveAsync(TestIds.TenantId, TestIds.TeamId, "nudge|" + GraceId, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Contains("Grace Hopper no longer leads", Assert.Single(Replies), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeadersRemove_TheLastLeader_IsRefusedWithAClearMessage()
    {
        await RunAsync("remove Ada", From(AdaId) with { Mentions = [new TeamMember(AdaId, null, "Ada Lovelace")] });

        Assert.Single(_leaders.All);
        _timetable.VerifyNoOtherCalls();
        Assert.Contains("last leader", Assert.Single(Replies), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeadersRemove_EveryLeader_KeepsTheLastOne()
    {
        _leaders.Seed(LeaderTestData.Leader(GraceId, "Grace Hopper"));

        await RunAsync("remove", From(AdaId) with { Mentions = [new TeamMember(AdaId, null, "Ada"), new TeamMember(GraceId, null, "Grace")] });

        Assert.Equal([GraceId], _leaders.All.Select(l => l.UserId));
        var reply = Assert.Single(Replies);
        Assert.Contains("Ada no longer leads", reply, StringComparison.Ordinal);
        Assert.Contains("Grace is the last leader", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeadersRemove_SomeoneWhoIsNotALeader_SaysSo()
    {
        await RunAsync("remove Alan", From(AdaId) with { Mentions = [new TeamMember(AlanId, null, "Alan Turing")] });

        Assert.Single(_leaders.All);
        Assert.Contains("Alan Turing doesn't lead", Assert.Single(Replies), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("add")]
    [InlineData("remove")]
    [InlineData("promote")]
    public async Task Leaders_WithoutMentionsOrUnknownWord_RepliesWithUsage(string arguments)
    {
        await RunAsync(arguments, From(AdaId));

        Assert.Equal([LeadersCommand.UsageReply], Replies);
        Assert.Single(_leaders.All);
    }

    [Theory]
    [InlineData(ConversationKind.Personal)]
    [InlineData(ConversationKind.GroupChat)]
    public async Task Leaders_OutsideATeamChannel_PointsToTheChannel(ConversationKind kind)
    {
        await RunAsync("add Alan", From(AdaId) with { Kind = kind, TeamId = null, Mentions = [new TeamMember(AlanId, null, "Alan Turing")] });

        Assert.Equal([LeadersCommand.ManagedInChannelReply], Replies);
        Assert.Single(_leaders.All);
    }

    [Fact]
    public async Task LeadersAdd_TeamWithNoLeadersYet_LetsItsInstallerStartTheList()
    {
        foreach (var leader in _leaders.All)
        {
            await _leaders.RemoveAsync(leader.TenantId, leader.TeamKey, leader.UserId, CancellationToken.None);
        }

        await RunAsync("add Alan", From(AdaId) with { FromAadObjectId = TestIds.InstallerAadObjectId, Mentions = [new TeamMember(AlanId, null, "Alan Turing")] });

        Assert.Equal([AdaId, AlanId], _leaders.All.Select(l => l.UserId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Leaders_InTheChannel_RefreshesTheSendersZone()
    {
        await RunAsync("", From(AdaId) with { ClientTimeZone = "Europe/Paris" });

        Assert.Equal("Europe/Paris", Assert.Single(_leaders.All).TimeZoneId);
    }

    [Fact]
    public async Task Leaders_InTheChannel_StoresTheSendersName()
    {
        _leaders.Seed(LeaderTestData.Leader(AdaId, name: null, "aad-ada"));

        await RunAsync("", From(AdaId));

        Assert.Contains("Ada Lovelace", Assert.Single(Replies), StringComparison.Ordinal);
        Assert.Equal("Ada Lovelace", Assert.Single(_leaders.All).Name);
    }

    [Fact]
    public async Task Leaders_ALeaderWithoutAName_IsNamedFromTheRoster_AndTheNameIsStored()
    {
        _leaders.Seed(LeaderTestData.Leader(GraceId, name: null) with { AddedAt = LeaderTestData.Now.AddDays(1) });
        RosterIs(new TeamMember(AlanId, null, "Alan Turing"), new TeamMember(GraceId, "aad-grace", "Grace Hopper"));

        await RunAsync("", From(AlanId));

        Assert.Contains("Ada Lovelace and Grace Hopper", Assert.Single(Replies), StringComparison.Ordinal);
        Assert.Equal("Grace Hopper", _leaders[TestIds.TeamId, GraceId]!.Name);
    }

    [Fact]
    public async Task Leaders_ALeaderWithoutAName_RosterUnreadable_KeepsThePlaceholder()
    {
        _leaders.Seed(LeaderTestData.Leader(GraceId, name: null) with { AddedAt = LeaderTestData.Now.AddDays(1) });
        _messenger.Setup(m => m.ListMembersAsync(TestIds.TenantId, TestIds.ServiceUrl, TestIds.TeamId, It.IsAny<CancellationToken>()))
            .Throws(new InvalidOperationException("The roster could not be read."));

        await RunAsync("", From(AlanId));

        Assert.Contains("Ada Lovelace and (a leader without a display name)", Assert.Single(Replies), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaders_EveryLeaderNamed_DoesNotReadTheRoster()
    {
        await RunAsync("", From(AlanId));

        _messenger.Verify(m => m.ListMembersAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private void RosterIs(params TeamMember[] members) =>
        _messenger.Setup(m => m.ListMembersAsync(TestIds.TenantId, TestIds.ServiceUrl, TestIds.TeamId, It.IsAny<CancellationToken>())).Returns(() => members.ToAsyncEnumerable());

    private Task RunAsync(string arguments, IncomingMessage message) =>
        _command.HandleAsync(new CommandContext(message, arguments, [_command]), CancellationToken.None);

    private static IncomingMessage From(string userId) => new()
    {
        TenantId = TestIds.TenantId,
        Kind = ConversationKind.Channel,
        ConversationId = TestIds.ChosenChannelId + ";messageid=1",
        TeamId = TestIds.TeamId,
        ServiceUrl = TestIds.ServiceUrl,
        BotId = TestIds.BotId,
        Text = "leaders",
        FromId = userId,
        // The sender's own name, as Teams sends it: the command stores it on a leader.
        FromName = userId switch
        {
            AdaId => "Ada Lovelace",
            GraceId => "Grace Hopper",
            AlanId => "Alan Turing",
            _ => "Someone Else",
        },
    };
}
