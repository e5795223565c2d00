using TrustBot.Core.Commands;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;
using TrustBot.Core.Tests.Fakes;

namespace TrustBot.Core.Tests.Leaders;

/// <summary>Times in a leader's 1:1 chat are in their own zone when it is stored, else in the team's.</summary>
public sealed class LeaderZonesTests
{
    private readonly InMemoryLeaderStore _leaders = new();

    [Fact]
    public async Task ForAsync_LeadersOwnChatWithTheirZoneStored_UsesTheirZone()
    {
        _leaders.Seed(LeaderTestData.Leader("ada") with { TimeZoneId = "America/New_York" });

        var zone = await new LeaderZones(_leaders).ForAsync(Message(ConversationKind.Personal, "ada"), LeaderTestData.Team("Europe/Berlin"), CancellationToken.None);

        Assert.Equal("America/New_York", zone.Id);
    }

    [Fact]
    public async Task ForAsync_LeadersOwnChatWithoutAZone_UsesTheTeamsZone()
    {
        _leaders.Seed(LeaderTestData.Leader("ada"));

        var zone = await new LeaderZones(_leaders).ForAsync(Message(ConversationKind.Personal, "ada"), LeaderTestData.Team("Europe/Berlin"), CancellationToken.None);

        Assert.Equal("Europe/Berlin", zone.Id);
    }

    [Fact]
    public async Task ForAsync_TheChannel_UsesTheTeamsZoneEvenForALeaderWithTheirOwn()
    {
        _leaders.Seed(LeaderTestData.Leader("ada") with { TimeZoneId = "America/New_York" });

        var zone = await new LeaderZones(_leaders).ForAsync(Message(ConversationKind.Channel, "ada"), LeaderTestData.Team("Europe/Berlin"), CancellationToken.None);

        Assert.Equal("Europe/Berlin", zone.Id);
    }

    [Fact]
    public async Task ForAsync_ZoneStoredForAnotherTeam_IsNotUsed()
    {
        _leaders.Seed(LeaderTestData.Leader("ada", teamKey: "19:other@thread.tacv2") with { TimeZoneId = "America/New_York" });

        var zone = await new LeaderZones(_leaders).ForAsync(Message(ConversationKind.Personal, "ada"), LeaderTestData.Team("Europe/Berlin"), CancellationToken.None);

        Assert.Equal("Europe/Berlin", zone.Id);
    }

    private static IncomingMessage Message(ConversationKind kind, string fromId) => new()
    {
        TenantId = TestIds.TenantId,
        Kind = kind,
        ConversationId = kind == ConversationKind.Personal ? TestIds.PersonalConversationId : TestIds.ChosenChannelId,
        ServiceUrl = TestIds.ServiceUrl,
        BotId = TestIds.BotId,
        Text = "checkin",
        FromId = fromId,
    };
}
