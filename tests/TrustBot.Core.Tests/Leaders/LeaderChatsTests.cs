using Moq;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Tests.Leaders;

public sealed class LeaderChatsTests
{
    private const string AdaId = "29:1ada";
    private readonly Mock<IBotMessenger> _messenger = new(MockBehavior.Strict);
    private readonly Mock<ILeaderStore> _leaders = new(MockBehavior.Strict);
    private readonly LeaderChats _chats;
    private readonly Leader _ada = LeaderTestData.Leader(AdaId, "Ada");

    public LeaderChatsTests()
    {
        _chats = new LeaderChats(_leaders.Object, _messenger.Object);
    }

    [Fact]
    public async Task EnsureAsync_ChatNeverOpened_OpensItOnceAndStoresOnlyTheChat()
    {
        var opened = new ConversationAddress(TestIds.TenantId, TestIds.ServiceUrl, "a:1chat", TestIds.BotId);
        Open(new OpenedChat(DeliveryOutcome.Delivered, opened));
        _leaders.Setup(l => l.SetChatAsync(TestIds.TenantId, _ada.TeamKey, AdaId, "a:1chat", It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var (address, result) = await _chats.EnsureAsync(_ada, CancellationToken.None);

        Assert.Equal(opened, address);
        Assert.True(result.IsDelivered);
        _messenger.Verify(m => m.OpenPersonalChatAsync(TestIds.TenantId, TestIds.ServiceUrl, TestIds.BotId, AdaId, It.IsAny<CancellationToken>()), Times.Once);
        // Only the chat is written: the rest of this copy of the leader may be older than what is stored.
        _leaders.Verify(l => l.SetChatAsync(TestIds.TenantId, _ada.TeamKey, AdaId, "a:1chat", It.IsAny<CancellationToken>()), Times.Once);
        _leaders.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task EnsureAsync_KnownChat_CostsNoCall()
    {
        var (address, result) = await _chats.EnsureAsync(_ada with { ChatConversationId = "a:1chat" }, CancellationToken.None);

        Assert.Equal(new ConversationAddress(TestIds.TenantId, TestIds.ServiceUrl, "a:1chat", TestIds.BotId), address);
        Assert.True(result.IsDelivered);
        _messenger.VerifyNoOtherCalls();
        _leaders.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task EnsureAsync_RecipientGone_MarksUnreachable_AndLaterCallsMakeNoCall()
    {
        Open(new OpenedChat(DeliveryOutcome.RecipientGone, null, "403 BotDisabledByAdmin"));
        Leader? stored = null;
        _leaders.Setup(l => l.UpdateAsync(It.IsAny<Leader>(), It.IsAny<CancellationToken>()))
            .Callback((Leader leader, CancellationToken _) => stored = leader)
            .ReturnsAsync(true);

        var (address, result) = await _chats.EnsureAsync(_ada, CancellationToken.None);
        var (later, laterResult) = await _chats.EnsureAsync(stored!, CancellationToken.None);

        Assert.Null(address);
        Assert.Equal(DeliveryOutcome.RecipientGone, result.Outcome);
        Assert.True(stored!.Unreachable);
        Assert.Null(later);
        Assert.Equal(DeliveryOutcome.RecipientGone, laterResult.Outcome);
        _messenger.Verify(m => m.OpenPersonalChatAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData(DeliveryOutcome.Throttled)]
    [InlineData(DeliveryOutcome.Failed)]
    public async Task EnsureAsync_TransientFailure_LeavesTheLeaderUntouched(DeliveryOutcome outcome)
    {
        Open(new OpenedChat(outcome, null, "429"));

        var (address, result) = await _chats.EnsureAsync(_ada, CancellationToken.None);

        Assert.Null(address);
        Assert.Equal(outcome, result.Outcome);
        _leaders.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task MarkUnreachableAsync_StoresTheLeaderAsUnreachable()
    {
        var unreachable = _ada with { Unreachable = true };
        _leaders.Setup(l => l.UpdateAsync(unreachable, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        await _chats.MarkUnreachableAsync(_ada, CancellationToken.None);

        _leaders.Verify(l => l.UpdateAsync(unreachable, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task EnsureAsync_UnreachableLeaderWithAKnownChat_MakesNoCallAndGivesNoAddress()
    {
        var (address, result) = await _chats.EnsureAsync(_ada with { ChatConversationId = "a:1chat", Unreachable = true }, CancellationToken.None);

        Assert.Null(address);
        Assert.Equal(DeliveryOutcome.RecipientGone, result.Outcome);
        _messenger.VerifyNoOtherCalls();
        _leaders.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task EnsureAsync_RouteWithAChat_CostsNoCall()
    {
        var (address, result) = await _chats.EnsureAsync(LeaderChatRoute.Of(_ada with { ChatConversationId = "a:1chat" }), CancellationToken.None);

        Assert.Equal(new ConversationAddress(TestIds.TenantId, TestIds.ServiceUrl, "a:1chat", TestIds.BotId), address);
        Assert.True(result.IsDelivered);
        _messenger.VerifyNoOtherCalls();
        _leaders.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task EnsureAsync_RouteWithoutAChat_OpensItAndStoresOnlyTheChatWithoutReadingTheLeader()
    {
        var opened = new ConversationAddress(TestIds.TenantId, TestIds.ServiceUrl, "a:1chat", TestIds.BotId);
        Open(new OpenedChat(DeliveryOutcome.Delivered, opened));
        _leaders.Setup(l => l.SetChatAsync(TestIds.TenantId, _ada.TeamKey, AdaId, "a:1chat", It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var (address, result) = await _chats.EnsureAsync(LeaderChatRoute.Of(_ada), CancellationToken.None);

        Assert.Equal(opened, address);
        Assert.True(result.IsDelivered);
        _leaders.Verify(l => l.SetChatAsync(TestIds.TenantId, _ada.TeamKey, AdaId, "a:1chat", It.IsAny<CancellationToken>()), Times.Once);
        _leaders.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task EnsureAsync_RouteToALeaderGone_MarksTheStoredLeaderUnreachable()
    {
        Open(new OpenedChat(DeliveryOutcome.RecipientGone, null, "403 BotDisabledByAdmin"));
        var renamed = _ada with { Name = "Ada L." };
        var unreachable = renamed with { Unreachable = true };
        _leaders.Setup(l => l.GetAsync(TestIds.TenantId, _ada.TeamKey, AdaId, It.IsAny<CancellationToken>())).ReturnsAsync(renamed);
        _leaders.Setup(l => l.UpdateAsync(unreachable, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var (address, result) = await _chats.EnsureAsync(LeaderChatRoute.Of(_ada), CancellationToken.None);

        Assert.Null(address);
        Assert.Equal(DeliveryOutcome.RecipientGone, result.Outcome);
        _leaders.Verify(l => l.UpdateAsync(unreachable, It.IsAny<CancellationToken>()), Times.Once);
    }

    private void Open(OpenedChat opened) =>
        _messenger.Setup(m => m.OpenPersonalChatAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(opened);
}
