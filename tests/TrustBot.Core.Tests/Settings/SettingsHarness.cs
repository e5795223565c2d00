using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Commands;
using TrustBot.Core.Digests;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;
using TrustBot.Core.Scheduling;
using TrustBot.Core.Settings;
using TrustBot.Core.SpeakUp;
using TrustBot.Core.Tests.Fakes;
using TrustBot.Core.Tests.Leaders;

namespace TrustBot.Core.Tests.Settings;

/// <summary>
/// The settings command and card handler over in-memory stores and a mocked messenger: one team ("Platform Team",
/// Europe/Berlin) led by Ada, with two channels and a small roster.
/// </summary>
internal sealed class SettingsHarness
{
    public const string AdaId = "29:1ada";
    public const string GraceId = "29:1grace";
    public const string AlanId = "29:1alan";
    public const string BotMemberId = "28:someotherbot";
    public const string OtherChannelId = "19:other0123456789abcdef@thread.tacv2";

    public SettingsHarness()
    {
        Installations.Seed(LeaderTestData.Team());
        Leaders.Seed(LeaderTestData.Leader(AdaId, "Ada Lovelace", "aad-ada"));
        Channels = [new TeamChannel(TestIds.TeamId, null), new TeamChannel(TestIds.ChosenChannelId, "Check-ins"), new TeamChannel(OtherChannelId, "Random")];
        Roster =
        [
            new TeamMember(AdaId, "aad-ada", "Ada Lovelace"),
            new TeamMember(GraceId, "aad-grace", "Grace Hopper"),
            new TeamMember(AlanId, null, "Alan Turing"),
            new TeamMember(BotMemberId, null, "Some Bot"),
        ];

        Messenger.Setup(m => m.ListChannelsAsync(TestIds.TenantId, TestIds.ServiceUrl, TestIds.TeamId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => FailChannels ? throw new InvalidOperationException("no channels") : Channels);
        Messenger.Setup(m => m.ListMembersAsync(TestIds.TenantId, TestIds.ServiceUrl, TestIds.TeamId, It.IsAny<CancellationToken>()))
            .Returns(() => Members());
        Messenger.Setup(m => m.OpenPersonalChatAsync(TestIds.TenantId, TestIds.ServiceUrl, TestIds.BotId, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string tenant, string url, string bot, string user, CancellationToken _) => OpenOutcome == DeliveryOutcome.Delivered
                ? new OpenedChat(DeliveryOutcome.Delivered, new ConversationAddress(tenant, url, "a:chat-" + user, bot))
                : new OpenedChat(OpenOutcome, null, "gone"));
        Messenger.Setup(m => m.SendCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((ConversationAddress address, JsonObject card, string _, CancellationToken _) => Cards.Add((address, card)))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Delivered, "1"));
        Messenger.Setup(m => m.SendTextAsync(It.IsAny<ConversationAddress>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((ConversationAddress address, string text, CancellationToken _) => Texts.Add((address, text)))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Delivered, "2"));
    }

    public InMemoryInstallationStore Installations { get; } = new();

    public InMemoryLeaderStore Leaders { get; } = new();

    public InMemoryTimetable Timetable { get; } = new();

    public Mock<IBotMessenger> Messenger { get; } = new();

    /// <summary>No check-in is open unless a test says so.</summary>
    public Mock<ICheckInStore> CheckIns { get; } = new();

    public FakeTimeProvider Time { get; } = new(LeaderTestData.Now);

    public List<TeamChannel> Channels { get; set; }

    public List<TeamMember> Roster { get; set; }

    public bool FailChannels { get; set; }

    public bool FailRoster { get; set; }

    public DeliveryOutcome OpenOutcome { get; set; } = DeliveryOutcome.Delivered;

    public List<(ConversationAddress Address, JsonObject Card)> Cards { get; } = [];

    public List<(ConversationAddress Address, string Text)> Texts { get; } = [];

    /// <summary>The answers the command queued for the conversation it was asked in (also listed in Cards and Texts).</summary>
    public MessageReplies Queued { get; } = new();

    public Installation Team => Installations[TestIds.TenantId, TestIds.TeamId]!;

    public SettingsCommand Command()
    {
        var leaderChats = new LeaderChats(Leaders, Messenger.Object);
        return new SettingsCommand(
            new InstallationResolver(Installations, new PersonLeadership(Leaders)), Forms(), leaderChats, Messenger.Object, Queued, NullLogger<SettingsCommand>.Instance);
    }

    public SettingsActionHandler Handler()
    {
        var details = new LeaderDetails(Leaders, Time, NullLogger<LeaderDetails>.Instance);
        IScheduledJob[] teamJobs =
        [
            new CheckInJob(Installations, Time),
            new SpeakUpJob(Installations, Time),
            new DigestJob(Installations, Leaders, Options.Create(new CheckInOptions()), Time, NullLogger<DigestJob>.Instance),
        ];
        var planner = new TeamPlanner(Timetable, teamJobs, Time);
        return new SettingsActionHandler(
            Installations, Forms(), Reader(), new LeaderChanges(Leaders, Timetable, details, Time), planner, CheckIns.Object, Time, NullLogger<SettingsActionHandler>.Instance);
    }

    /// <summary>Runs the command; what it queued then counts as posted into the conversation it was asked in, in order.</summary>
    public async Task RunAsync(IncomingMessage message, string arguments = "")
    {
        await Command().HandleAsync(new CommandContext(message, arguments, []), CancellationToken.None);
        foreach (var reply in Queued.Collected)
        {
            if (reply.Card is { } card)
            {
                Cards.Add((message.ReplyAddress, card));
            }
            else
            {
                Texts.Add((message.ReplyAddress, reply.Text!));
            }
        }
    }

    public Task<JsonObject> PressAsync(JsonObject data, string verb = SettingsVerbs.Save, string? fromId = AdaId, string? fromAad = null, string tenantId = TestIds.TenantId) =>
        Handler().HandleAsync(
            new CardAction
            {
                TenantId = tenantId,
                Kind = ConversationKind.Personal,
                ConversationId = "a:chat-" + fromId,
                ServiceUrl = TestIds.ServiceUrl,
                BotId = TestIds.BotId,
                Verb = verb,
                Data = data,
                FromId = fromId,
                FromAadObjectId = fromAad,
            },
            CancellationToken.None);

    public static IncomingMessage InChannel(string? fromId = AdaId, string? fromAad = null) => new()
    {
        TenantId = TestIds.TenantId,
        Kind = ConversationKind.Channel,
        ConversationId = TestIds.ChosenChannelId + ";messageid=1",
        TeamId = TestIds.TeamId,
        ServiceUrl = TestIds.ServiceUrl,
        BotId = TestIds.BotId,
        Text = "settings",
        FromId = fromId,
        FromAadObjectId = fromAad,
    };

    public static IncomingMessage InPersonalChat(string fromId = AdaId) => InChannel(fromId) with
    {
        Kind = ConversationKind.Personal,
        ConversationId = "a:chat-" + fromId,
        TeamId = null,
    };

    /// <summary>Valid card data that changes every field: Thursday 14:30 New York, every 2 weeks, trust only, k 7, notes to the channel.</summary>
    public static JsonObject ValidData(string leaders = AdaId) => new()
    {
        [SettingsVerbs.TeamKey] = TestIds.TeamId,
        [SettingsVerbs.ChannelInput] = OtherChannelId,
        [SettingsVerbs.CadenceInput] = "2",
        [SettingsVerbs.DayInput] = "Thursday",
        [SettingsVerbs.TimeInput] = "14:30",
        [SettingsVerbs.TimeZoneInput] = "America/New_York",
        [SettingsVerbs.QuestionSetInput] = "Trust",
        [SettingsVerbs.ThresholdInput] = "7",
        [SettingsVerbs.NotesInput] = SettingsVerbs.NotesAlsoInChannel,
        [SettingsVerbs.PausedUntilInput] = "",
        [SettingsVerbs.LeadersInput] = leaders,
    };

    public SettingsForms Forms() =>
        new(Leaders, Reader(), new LeaderNames(Leaders, Messenger.Object, NullLogger<LeaderNames>.Instance), Options.Create(new AnonymityOptions { DefaultThreshold = 5 }), Time);

    private TeamChoicesReader Reader() => new(Messenger.Object, NullLogger<TeamChoicesReader>.Instance);

    private async IAsyncEnumerable<TeamMember> Members()
    {
        await Task.Yield();
        if (FailRoster)
        {
            throw new InvalidOperationException("no roster");
        }

        foreach (var member in Roster)
        {
            yield return member;
        }
    }
}
