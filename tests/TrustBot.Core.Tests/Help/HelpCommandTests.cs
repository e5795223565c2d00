using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using TrustBot.Core.Commands;
using TrustBot.Core.Help;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;
using TrustBot.Core.Tests.Commands;

namespace TrustBot.Core.Tests.Help;

public sealed class HelpCommandTests
{
    private const string SenderId = "29:sender";
    private readonly MessageReplies _replies = new();
    private readonly Mock<ILeaderStore> _leaders = new();
    private readonly ICommand[] _commands;

    public HelpCommandTests()
    {
        _commands =
        [
            new HelpCommand(_replies, new PersonLeadership(_leaders.Object), TestThresholds.For(_leaders.Object), NullLogger<HelpCommand>.Instance),
            Command("checkin", leadersOnly: false),
            Command("settings", leadersOnly: true),
        ];
    }

    [Fact]
    public async Task HandleAsync_LeaderOfThisTeamInItsChannel_ListsLeaderCommands()
    {
        LeadsTeams(TestIds.TeamId);

        Assert.Equal(["help", "checkin", "settings"], await ListedAsync(ConversationKind.Channel));
    }

    [Fact]
    public async Task HandleAsync_MemberInTheChannel_ListsOnlyWhatEveryoneCanUse()
    {
        LeadsTeams();

        Assert.Equal(["help", "checkin"], await ListedAsync(ConversationKind.Channel));
    }

    [Fact]
    public async Task HandleAsync_LeaderOfAnotherTeamInThisChannel_ListsOnlyWhatEveryoneCanUse()
    {
        LeadsTeams("19:another@thread.tacv2");

        Assert.Equal(["help", "checkin"], await ListedAsync(ConversationKind.Channel));
    }

    [Fact]
    public async Task HandleAsync_LeaderOfAnyTeamInAPersonalChat_ListsLeaderCommands()
    {
        LeadsTeams("19:another@thread.tacv2");

        Assert.Equal(["help", "checkin", "settings"], await ListedAsync(ConversationKind.Personal));
    }

    [Fact]
    public async Task HandleAsync_LeaderStoreFails_StillAnswersWithWhatEveryoneCanUse()
    {
        _leaders
            .Setup(l => l.ListForPersonAsync(TestIds.TenantId, SenderId, It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .Throws(new InvalidOperationException("storage down"));

        Assert.Equal(["help", "checkin"], await ListedAsync(ConversationKind.Channel));
    }

    private void LeadsTeams(params string[] teamKeys) =>
        _leaders
            .Setup(l => l.ListForPersonAsync(TestIds.TenantId, SenderId, It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .Returns(teamKeys.Select(key => new Leader
            {
                TenantId = TestIds.TenantId,
                TeamKey = key,
                UserId = SenderId,
                ServiceUrl = TestIds.ServiceUrl,
                BotId = TestIds.BotId,
                AddedAt = DateTimeOffset.UnixEpoch,
            }).ToAsyncEnumerable());

    private async Task<List<string>> ListedAsync(ConversationKind kind)
    {
        var message = new IncomingMessage
        {
            TenantId = TestIds.TenantId,
            Kind = kind,
            ConversationId = kind == ConversationKind.Personal ? TestIds.PersonalConversationId : TestIds.ChosenChannelId,
            TeamId = kind == ConversationKind.Channel ? TestIds.TeamId : null,
            ServiceUrl = TestIds.ServiceUrl,
            BotId = TestIds.BotId,
            Text = "help",
            FromId = SenderId,
        };
        await _commands[0].HandleAsync(new CommandContext(message, string.Empty, _commands), CancellationToken.None);
        var facts = (JsonArray)Assert.Single(_replies.Collected).Card!["body"]!.AsArray().Single(item => (string?)item!["type"] == "FactSet")!["facts"]!;
        return [.. facts.Select(fact => (string)fact!["title"]!)];
    }

    private static ICommand Command(string name, bool leadersOnly) =>
        Mock.Of<ICommand>(c => c.Name == name && c.Description == name + " things" && c.LeadersOnly == leadersOnly);
}
