using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;
using TrustBot.Core.Tests.Fakes;

namespace TrustBot.Core.Tests.Leaders;

public sealed class LeaderNamesTests
{
    private const string AdaId = "29:1ada";
    private readonly InMemoryLeaderStore _leaders = new();
    private readonly Mock<IBotMessenger> _messenger = new();
    private readonly LeaderNames _names;

    public LeaderNamesTests()
    {
        _names = new LeaderNames(_leaders, _messenger.Object, NullLogger<LeaderNames>.Instance);
    }

    [Fact]
    public async Task ApplyAsync_MatchesByEntraIdWhenTheTeamsIdDiffers()
    {
        var ada = LeaderTestData.Leader(AdaId, name: null, aadObjectId: "AAD-ADA");
        _leaders.Seed(ada);

        var named = await _names.ApplyAsync([ada], [new TeamMember("29:1ada-elsewhere", "aad-ada", "Ada Lovelace")], CancellationToken.None);

        Assert.Equal("Ada Lovelace", Assert.Single(named).Name);
        Assert.Equal("Ada Lovelace", Assert.Single(_leaders.All).Name);
    }

    [Fact]
    public async Task ApplyAsync_StoresOnTheRowAsItIsNow_KeepingAChatOpenedMeanwhile()
    {
        var listed = LeaderTestData.Leader(AdaId);
        _leaders.Seed(listed with { ChatConversationId = "a:1chat" });

        await _names.ApplyAsync([listed], [new TeamMember(AdaId, null, "Ada Lovelace")], CancellationToken.None);

        Assert.Equal(("Ada Lovelace", "a:1chat"), (_leaders.All[0].Name, _leaders.All[0].ChatConversationId));
    }

    [Fact]
    public async Task ApplyAsync_NamedLeadersAndPeopleWithoutNames_AreLeftAlone()
    {
        var grace = LeaderTestData.Leader("29:1grace", "Grace Hopper");
        var ada = LeaderTestData.Leader(AdaId);
        _leaders.Seed(grace);
        _leaders.Seed(ada);

        var named = await _names.ApplyAsync([grace, ada], [new TeamMember("29:1grace", null, "Someone Else"), new TeamMember(AdaId, null, " ")], CancellationToken.None);

        Assert.Equal([grace, ada], named);
        Assert.Equal(0, _leaders.UpdateCalls);
    }

    [Fact]
    public async Task FromRosterAsync_StopsReadingOnceEveryNamelessLeaderIsFound()
    {
        var ada = LeaderTestData.Leader(AdaId);
        _leaders.Seed(ada);
        var read = 0;
        _messenger.Setup(m => m.ListMembersAsync(TestIds.TenantId, TestIds.ServiceUrl, TestIds.TeamId, It.IsAny<CancellationToken>()))
            .Returns(() => Roster(() => read++));

        var named = await _names.FromRosterAsync(LeaderTestData.Team(), [ada], CancellationToken.None);

        Assert.Equal("Ada Lovelace", Assert.Single(named).Name);
        Assert.Equal(2, read);
    }

    private static async IAsyncEnumerable<TeamMember> Roster(Action onRead)
    {
        foreach (var member in new[] { new TeamMember("29:1grace", null, "Grace Hopper"), new TeamMember(AdaId, null, "Ada Lovelace"), new TeamMember("29:1alan", null, "Alan Turing") })
        {
            await Task.Yield();
            onRead();
            yield return member;
        }
    }
}
