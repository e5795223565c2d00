using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using TrustBot.Core.Commands;
using TrustBot.Core.Help;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Tests.Commands;

public sealed class MessageHandlerTests
{
    private const string ThreadConversationId = TestIds.ChosenChannelId + ";messageid=1776390257332";

    private readonly Mock<IBotMessenger> _messenger = new(MockBehavior.Strict);
    private readonly List<(ConversationAddress Address, JsonObject Card)> _cards = [];
    private readonly List<(ConversationAddress Address, string Text)> _texts = [];

    public MessageHandlerTests()
    {
        _messenger
            .Setup(m => m.SendCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback<ConversationAddress, JsonObject, string, CancellationToken>((address, card, _, _) => _cards.Add((address, card)))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Delivered, "1776390299001"));
        _messenger
            .Setup(m => m.SendTextAsync(It.IsAny<ConversationAddress>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback<ConversationAddress, string, CancellationToken>((address, text, _) => _texts.Add((address, text)))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Delivered, "1776390299002"));
    }

    [Theory]
    [InlineData("help")]
    [InlineData("HELP")]
    [InlineData("Help me please")]
    [InlineData("  help?  ")]
    [InlineData("hi")]
    [InlineData("Hello!")]
    [InlineData("")]
    [InlineData("   \n ")]
    public async Task HandleAsync_HelpGreetingOrEmpty_PostsHelpCard(string text)
    {
        await CreateHandler().HandleAsync(Message(text), CancellationToken.None);

        var (address, card) = Assert.Single(_cards);
        Assert.Equal(TestIds.ChosenChannelId, address.ConversationId);
        Assert.Equal("Here's what I can do", (string?)card["body"]![0]!["text"]);
        Assert.Empty(_texts);
    }

    [Theory]
    [InlineData("what is this")]
    [InlineData("helpme")]
    [InlineData("checkin now")]
    [InlineData("🤔")]
    public async Task HandleAsync_NotUnderstood_RepliesWithFriendlyText(string text)
    {
        await CreateHandler().HandleAsync(Message(text), CancellationToken.None);

        var (address, reply) = Assert.Single(_texts);
        Assert.Equal("I didn't catch that. Type **help** to see what I can do.", reply);
        Assert.Equal(new ConversationAddress(TestIds.TenantId, TestIds.ServiceUrl, TestIds.ChosenChannelId, TestIds.BotId), address);
        Assert.Empty(_cards);
    }

    [Fact]
    public async Task HandleAsync_InChannelThread_RepliesIntoTheThread()
    {
        await CreateHandler().HandleAsync(Message("help") with { ConversationId = ThreadConversationId }, CancellationToken.None);

        Assert.Equal(ThreadConversationId, Assert.Single(_cards).Address.ConversationId);
    }

    [Fact]
    public async Task HandleAsync_RegisteredCommand_RunsItWithArgumentsWithoutEditingTheHandler()
    {
        var settings = new Mock<ICommand>();
        settings.SetupGet(c => c.Name).Returns("settings");
        settings.SetupGet(c => c.Description).Returns("Change how this team's check-ins work.");
        settings.SetupGet(c => c.Aliases).Returns([]);
        CommandContext? received = null;
        settings
            .Setup(c => c.HandleAsync(It.IsAny<CommandContext>(), It.IsAny<CancellationToken>()))
            .Callback<CommandContext, CancellationToken>((context, _) => received = context)
            .Returns(Task.CompletedTask);

        await CreateHandler(settings.Object).HandleAsync(Message("Settings  threshold 5 "), CancellationToken.None);

        Assert.NotNull(received);
        Assert.Equal("threshold 5", received.Arguments);
        Assert.Equal(TestIds.ChosenChannelId, received.Message.ConversationId);
        Assert.Equal(["help", "settings"], received.Commands.Select(c => c.Name));
        Assert.Empty(_cards);
        Assert.Empty(_texts);
    }

    [Fact]
    public async Task HandleAsync_Help_ListsEveryRegisteredCommandWithItsDescription()
    {
        var notes = new Mock<ICommand>();
        notes.SetupGet(c => c.Name).Returns("notes");
        notes.SetupGet(c => c.Description).Returns("Read the anonymous notes your team shared.");
        notes.SetupGet(c => c.Aliases).Returns([]);

        await CreateHandler(notes.Object).HandleAsync(Message("help"), CancellationToken.None);

        var json = Assert.Single(_cards).Card.ToJsonString();
        Assert.Contains("\"title\":\"notes\"", json, StringComparison.Ordinal);
        Assert.Contains("Read the anonymous notes your team shared.", json, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"help\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_AliasOfLaterCommand_NeverShadowsAnEarlierName()
    {
        var greedy = new Mock<ICommand>(MockBehavior.Strict);
        greedy.SetupGet(c => c.Name).Returns("checkin");
        greedy.SetupGet(c => c.Description).Returns("Start a check-in.");
        greedy.SetupGet(c => c.Aliases).Returns(["help"]);
        greedy.SetupGet(c => c.LeadersOnly).Returns(false);

        await CreateHandler(greedy.Object).HandleAsync(Message("help"), CancellationToken.None);

        Assert.Single(_cards);
        greedy.Verify(c => c.HandleAsync(It.IsAny<CommandContext>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task HandleAsync_HelpNotDelivered_DoesNotThrow()
    {
        _messenger
            .Setup(m => m.SendCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Throttled, Detail: "429"));

        await CreateHandler().HandleAsync(Message("help"), CancellationToken.None);

        _messenger.Verify(
            m => m.SendCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()),
            Times.Once);
    }

    [Fact]
    public void Commands_WithHelpOnly_ListsHelp()
    {
        Assert.Equal(["help"], CreateHandler().Commands.Select(c => c.Name));
    }

    private MessageHandler CreateHandler(params ICommand[] extra)
    {
        ICommand[] commands = [new HelpCommand(_messenger.Object, Mock.Of<TrustBot.Core.Leaders.ILeaderStore>(), TestThresholds.For(Mock.Of<TrustBot.Core.Leaders.ILeaderStore>()), NullLogger<HelpCommand>.Instance), .. extra];
        return new MessageHandler(commands, _messenger.Object, NullLogger<MessageHandler>.Instance);
    }

    private static IncomingMessage Message(string text) => new()
    {
        TenantId = TestIds.TenantId,
        Kind = ConversationKind.Channel,
        ConversationId = TestIds.ChosenChannelId,
        TeamId = TestIds.TeamId,
        ServiceUrl = TestIds.ServiceUrl,
        BotId = TestIds.BotId,
        Text = text,
        FromAadObjectId = TestIds.InstallerAadObjectId,
    };
}
