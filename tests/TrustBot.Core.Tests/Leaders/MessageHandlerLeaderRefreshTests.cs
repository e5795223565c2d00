using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Commands;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;
using TrustBot.Core.Tests.Fakes;

namespace TrustBot.Core.Tests.Leaders;

/// <summary>The message handler keeps a leader's details fresh from their personal chat, and only from there.</summary>
public sealed class MessageHandlerLeaderRefreshTests
{
    private const string AdaId = "29:1ada";
    private readonly InMemoryLeaderStore _leaders = new();
    private readonly Mock<ICommand> _command = new();
    private readonly MessageHandler _handler;

    public MessageHandlerLeaderRefreshTests()
    {
        _leaders.Seed(LeaderTestData.Leader(AdaId, "Ada"));
        _command.SetupGet(c => c.Name).Returns("notes");
        _command.SetupGet(c => c.Aliases).Returns([]);
        var details = new LeaderDetails(_leaders, new FakeTimeProvider(LeaderTestData.Now), NullLogger<LeaderDetails>.Instance);
        _handler = new MessageHandler([_command.Object], new MessageReplies(), NullLogger<MessageHandler>.Instance, [new LeaderMessageObserver(details, new PersonLeadership(_leaders))]);
    }

    [Fact]
    public async Task HandleAsync_PersonalChat_StoresTheLeadersZoneAndEntraId_ThenRunsTheCommand()
    {
        await _handler.HandleAsync(Message(ConversationKind.Personal), CancellationToken.None);

        var ada = Assert.Single(_leaders.All);
        Assert.Equal(("aad-ada", "Asia/Tokyo"), (ada.AadObjectId, ada.TimeZoneId));
        _command.Verify(c => c.HandleAsync(It.IsAny<CommandContext>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData(ConversationKind.Channel)]
    [InlineData(ConversationKind.GroupChat)]
    public async Task HandleAsync_ChannelOrGroupChat_DoesNotTouchLeaders(ConversationKind kind)
    {
        await _handler.HandleAsync(Message(kind), CancellationToken.None);

        Assert.Equal(0, _leaders.ListForPersonCalls);
        Assert.Null(Assert.Single(_leaders.All).TimeZoneId);
    }

    [Fact]
    public async Task HandleAsync_RefreshFails_StillRunsTheCommand()
    {
        _leaders.FailListing = true;

        await _handler.HandleAsync(Message(ConversationKind.Personal), CancellationToken.None);

        _command.Verify(c => c.HandleAsync(It.IsAny<CommandContext>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    private static IncomingMessage Message(ConversationKind kind) => new()
    {
        TenantId = TestIds.TenantId,
        Kind = kind,
        ConversationId = TestIds.PersonalConversationId,
        ServiceUrl = TestIds.ServiceUrl,
        BotId = TestIds.BotId,
        Text = "notes",
        FromId = AdaId,
        FromAadObjectId = "aad-ada",
        ClientTimeZone = "Asia/Tokyo",
    };
}
