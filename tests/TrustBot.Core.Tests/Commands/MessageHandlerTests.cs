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

    private readonly MessageReplies _replies = new();

    private List<JsonObject> Cards => [.. _replies.Collected.Where(r => r.Card is not null).Select(r => r.Card!)];

    private List<string> Texts => [.. _replies.Collected.Where(r => r.Text is not null).Select(r => r.Text!)];

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

        var card = Assert.Single(Cards);
        Assert.Equal("Here's what I can do", (string?)card["body"]![0]!["text"]);
        Assert.Empty(Texts);
    }

    [Theory]
    [InlineData("what is this")]
    [InlineData("helpme")]
    [InlineData("checkin now")]
    [InlineData("🤔")]
    public async Task HandleAsync_NotUnderstood_RepliesWithFriendlyText(string text)
    {
        await CreateHandler().HandleAsync(Message(text), CancellationToken.None);

        var reply = Assert.Single(Texts);
        Assert.Equal("I didn't catch that. Type **help** to see what I can do.", reply);
        Assert.Empty(Cards);
    }

    [Fact]
    public void ReplyTarget_InChannelThread_RepliesIntoTheThreadOfTheTeamsInstallation()
    {
        var target = (Message("help") with { ConversationId = ThreadConversationId, ActivityId = "1776390257340" }).ReplyTarget;

        Assert.Equal(new ConversationAddress(TestIds.TenantId, TestIds.ServiceUrl, ThreadConversationId, TestIds.BotId), target.Address);
        Assert.Equal(TestIds.TeamId, target.InstallationKey);
        Assert.Equal("1776390257340", target.ActivityId);
    }

    [Fact]
    public void ReplyTarget_InAPersonalChat_BelongsToTheChat()
    {
        var message = Message("help") with { Kind = ConversationKind.Personal, ConversationId = TestIds.PersonalConversationId, TeamId = null };

        Assert.Equal(TestIds.PersonalConversationId, message.ReplyTarget.InstallationKey);
        Assert.Equal(TestIds.PersonalConversationId, message.ReplyTarget.Address.ConversationId);
    }

    [Fact]
    public async Task HandleAsync_CollectsRepliesInOrderAndSendsNothing()
    {
        var twice = new Mock<ICommand>();
        twice.SetupGet(c => c.Name).Returns("twice");
        twice.SetupGet(c => c.Description).Returns("Answers twice.");
        twice.SetupGet(c => c.Aliases).Returns([]);
        twice
            .Setup(c => c.HandleAsync(It.IsAny<CommandContext>(), It.IsAny<CancellationToken>()))
            .Callback(() =>
            {
                _replies.Text("first");
                _replies.Card(new JsonObject { ["type"] = "AdaptiveCard" }, "second");
                _replies.Text("third");
            })
            .Returns(Task.CompletedTask);

        await CreateHandler(twice.Object).HandleAsync(Message("twice"), CancellationToken.None);

        Assert.Equal(["first", "second", "third"], _replies.Collected.Select(r => r.Text ?? r.Summary));
        Assert.Equal(3, _replies.TakeAll().Count);
        Assert.Empty(_replies.TakeAll());
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
        Assert.Empty(Cards);
        Assert.Empty(Texts);
    }

    [Fact]
    public async Task HandleAsync_Help_ListsEveryRegisteredCommandWithItsDescription()
    {
        var notes = new Mock<ICommand>();
        notes.SetupGet(c => c.Name).Returns("notes");
        notes.SetupGet(c => c.Description).Returns("Read the anonymous notes your team shared.");
        notes.SetupGet(c => c.Aliases).Returns([]);

        await CreateHandler(notes.Object).HandleAsync(Message("help"), CancellationToken.None);

        var json = Assert.Single(Cards).ToJsonString();
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

        Assert.Single(Cards);
        greedy.Verify(c => c.HandleAsync(It.IsAny<CommandContext>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void Commands_WithHelpOnly_ListsHelp()
    {
        Assert.Equal(["help"], CreateHandler().Commands.Select(c => c.Name));
    }

    private MessageHandler CreateHandler(params ICommand[] extra)
    {
        ICommand[] commands = [new HelpCommand(_replies, new TrustBot.Core.Leaders.PersonLeadership(Mock.Of<TrustBot.Core.Leaders.ILeaderStore>()), TestThresholds.For(Mock.Of<TrustBot.Core.Leaders.ILeaderStore>()), NullLogger<HelpCommand>.Instance), .. extra];
        return new MessageHandler(commands, _replies, NullLogger<MessageHandler>.Instance);
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
