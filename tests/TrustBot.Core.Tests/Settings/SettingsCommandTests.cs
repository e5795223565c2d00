using Moq;
using TrustBot.Core.Messaging;
using TrustBot.Core.Settings;
using TrustBot.Core.Tests.Cards;
using TrustBot.Core.Tests.Leaders;
using TrustBot.Testing.Schemas;

namespace TrustBot.Core.Tests.Settings;

public sealed class SettingsCommandTests
{
    private readonly SettingsHarness _harness = new();

    [Fact]
    public void SettingsCommand_IsForLeadersOnly()
    {
        var command = _harness.Command();

        Assert.Equal("settings", command.Name);
        Assert.True(command.LeadersOnly);
        Assert.False(string.IsNullOrWhiteSpace(command.Description));
    }

    [Fact]
    public async Task Settings_ByALeaderInTheChannel_SendsTheCardToTheirPrivateChatAndSaysSo()
    {
        await _harness.RunAsync(SettingsHarness.InChannel());

        var (address, card) = Assert.Single(_harness.Cards);
        Assert.Equal("a:chat-" + SettingsHarness.AdaId, address.ConversationId);
        Assert.Equal(TestIds.TenantId, address.TenantId);
        var errors = await AdaptiveCardSchema.ValidateAsync(card);
        Assert.True(errors.Count == 0, AdaptiveCardSchema.Describe(errors));
        Assert.Contains("Settings for Platform Team", CardInspection.Texts(card));
        Assert.Equal(
            [TestIds.TeamId, TestIds.ChosenChannelId, SettingsHarness.OtherChannelId],
            SettingsCardTests.Choices(card, SettingsVerbs.ChannelInput));
        Assert.Equal(
            [SettingsHarness.AdaId, SettingsHarness.GraceId, SettingsHarness.AlanId],
            SettingsCardTests.Choices(card, SettingsVerbs.LeadersInput));

        var (replyTo, text) = Assert.Single(_harness.Texts);
        Assert.Equal(TestIds.ChosenChannelId + ";messageid=1", replyTo.ConversationId);
        Assert.Contains("private chat", text, StringComparison.Ordinal);

        // The card went to the private chat at once, because the answer says whether it arrived; the answer is queued.
        Assert.Equal(text, Assert.Single(_harness.Queued.Collected).Text);
        Assert.Equal("a:chat-" + SettingsHarness.AdaId, _harness.Leaders.All.Single().ChatConversationId);
    }

    [Fact]
    public async Task Settings_ALeaderStoredWithoutAName_IsOfferedByTheirRosterName_AndTheNameIsStored()
    {
        _harness.Leaders.Seed(LeaderTestData.Leader(SettingsHarness.AdaId, name: null, "aad-ada"));

        await _harness.RunAsync(SettingsHarness.InChannel());

        var (_, card) = Assert.Single(_harness.Cards);
        var leaders = CardInspection.Elements(card, "Input.ChoiceSet").Single(c => (string?)c["id"] == SettingsVerbs.LeadersInput);
        var ada = leaders["choices"]!.AsArray().Single(c => (string?)c!["value"] == SettingsHarness.AdaId)!;
        Assert.Equal("Ada Lovelace", (string?)ada["title"]);
        Assert.Equal("Ada Lovelace", Assert.Single(_harness.Leaders.All).Name);
    }

    [Fact]
    public async Task Settings_ByANonLeader_RefusalNamesALeaderStoredWithoutANameFromTheRoster()
    {
        _harness.Leaders.Seed(LeaderTestData.Leader(SettingsHarness.AdaId, name: null, "aad-ada"));

        await _harness.RunAsync(SettingsHarness.InChannel(SettingsHarness.AlanId));

        var (_, text) = Assert.Single(_harness.Texts);
        Assert.Contains("Ada Lovelace", text, StringComparison.Ordinal);
        Assert.DoesNotContain("display name", text, StringComparison.Ordinal);
        Assert.Empty(_harness.Cards);
    }

    [Fact]
    public async Task Settings_ByALeaderKnownOnlyByEntraId_IsALeader()
    {
        await _harness.RunAsync(SettingsHarness.InChannel("29:1ada-other-client", "AAD-ADA"));

        Assert.Single(_harness.Cards);
    }

    [Fact]
    public async Task Settings_ByANonLeaderInTheChannel_IsRefusedNamingTheLeaders_AndNoCardIsSent()
    {
        _harness.Leaders.Seed(LeaderTestData.Leader(SettingsHarness.GraceId, "Grace Hopper") with { AddedAt = LeaderTestData.Now.AddDays(1) });

        await _harness.RunAsync(SettingsHarness.InChannel(SettingsHarness.AlanId, "aad-alan"));

        Assert.Empty(_harness.Cards);
        var text = Assert.Single(_harness.Texts).Text;
        Assert.Contains("Only the leaders of **Platform Team**", text, StringComparison.Ordinal);
        Assert.Contains("Ada Lovelace and Grace Hopper", text, StringComparison.Ordinal);
        Assert.DoesNotContain("29:", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_PrivateChatCannotBeOpened_SaysSoPlainlyInTheChannel()
    {
        _harness.OpenOutcome = DeliveryOutcome.RecipientGone;

        await _harness.RunAsync(SettingsHarness.InChannel());

        Assert.Empty(_harness.Cards);
        Assert.Contains("couldn't open a private chat with you", Assert.Single(_harness.Texts).Text, StringComparison.Ordinal);
        Assert.True(_harness.Leaders.All.Single().Unreachable);
    }

    [Fact]
    public async Task Settings_ChannelsCannotBeListed_StillSendsTheCardWithTheCurrentChannel()
    {
        _harness.FailChannels = true;
        _harness.FailRoster = true;

        await _harness.RunAsync(SettingsHarness.InChannel());

        var card = Assert.Single(_harness.Cards).Card;
        Assert.Equal([TestIds.ChosenChannelId], SettingsCardTests.Choices(card, SettingsVerbs.ChannelInput));
        Assert.Equal([SettingsHarness.AdaId], SettingsCardTests.Choices(card, SettingsVerbs.LeadersInput));
    }

    [Fact]
    public async Task Settings_InAPrivateChat_SendsOneCardPerLedTeamTitledWithItsName()
    {
        var second = LeaderTestData.Team() with { Key = "19:second@thread.tacv2", TeamId = "19:second@thread.tacv2", TeamName = "Data Team" };
        _harness.Installations.Seed(second);
        _harness.Leaders.Seed(LeaderTestData.Leader(SettingsHarness.AdaId, "Ada Lovelace", teamKey: second.Key));
        _harness.Messenger.Setup(m => m.ListChannelsAsync(TestIds.TenantId, TestIds.ServiceUrl, second.Key, It.IsAny<CancellationToken>()))
            .ReturnsAsync([new TeamChannel(second.Key, null)]);
        _harness.Messenger.Setup(m => m.ListMembersAsync(TestIds.TenantId, TestIds.ServiceUrl, second.Key, It.IsAny<CancellationToken>()))
            .Returns(AsyncEmpty);

        await _harness.RunAsync(SettingsHarness.InPersonalChat());

        Assert.Equal(2, _harness.Cards.Count);
        Assert.All(_harness.Cards, c => Assert.Equal("a:chat-" + SettingsHarness.AdaId, c.Address.ConversationId));
        Assert.Equal(
            ["Settings for Data Team", "Settings for Platform Team"],
            _harness.Cards.Select(c => CardInspection.Texts(c.Card).First()));
        Assert.Empty(_harness.Texts);
    }

    [Fact]
    public async Task Settings_InAPrivateChatWithAName_SendsOnlyThatTeam()
    {
        await _harness.RunAsync(SettingsHarness.InPersonalChat(), "nothing like it");

        Assert.Empty(_harness.Cards);
        Assert.Contains("Platform Team", Assert.Single(_harness.Texts).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_InAPrivateChatOfSomeoneWhoLeadsNothing_IsRefusedPolitely()
    {
        await _harness.RunAsync(SettingsHarness.InPersonalChat(SettingsHarness.AlanId));

        Assert.Empty(_harness.Cards);
        Assert.Equal(SettingsCommand.NotALeaderAnywhereReply, Assert.Single(_harness.Texts).Text);
    }

    [Fact]
    public async Task Settings_InAGroupChat_ExplainsThatSettingsArePerTeam()
    {
        await _harness.RunAsync(SettingsHarness.InChannel() with { Kind = ConversationKind.GroupChat, TeamId = null, ConversationId = TestIds.GroupChatId });

        Assert.Empty(_harness.Cards);
        Assert.Equal(SettingsCommand.GroupChatReply, Assert.Single(_harness.Texts).Text);
    }

    [Fact]
    public async Task Settings_InATeamWithoutTrustBot_SaysItCannotFindTheInstallation()
    {
        await _harness.RunAsync(SettingsHarness.InChannel() with { TeamId = "19:unknown@thread.tacv2" });

        Assert.Empty(_harness.Cards);
        Assert.Contains("can't find my installation", Assert.Single(_harness.Texts).Text, StringComparison.Ordinal);
    }

    private static async IAsyncEnumerable<TeamMember> AsyncEmpty()
    {
        await Task.Yield();
        yield break;
    }
}
