using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using TrustBot.Core.Commands;
using TrustBot.Core.Help;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Testing.Schemas;

namespace TrustBot.Core.Tests.Cards;

public sealed class CardTests
{
    private const int MaxCardBytes = 28 * 1024;

    private const string Promise =
        "Every answer is anonymous, and nobody, leaders included, sees any result until at least 5 people have answered.";

    public static TheoryData<string, ConversationKind> Cards()
    {
        var data = new TheoryData<string, ConversationKind>();
        foreach (var kind in Enum.GetValues<ConversationKind>())
        {
            data.Add("welcome", kind);
            data.Add("help", kind);
            data.Add("privacy", kind);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cards))]
    public async Task Build_EveryCard_ValidatesAgainstAdaptiveCard15Schema(string name, ConversationKind kind)
    {
        var errors = await AdaptiveCardSchema.ValidateAsync(Build(name, kind));

        Assert.True(errors.Count == 0, AdaptiveCardSchema.Describe(errors));
    }

    [Theory]
    [MemberData(nameof(Cards))]
    public void Build_EveryCard_DeclaresVersion15AndSchema(string name, ConversationKind kind)
    {
        var card = Build(name, kind);

        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", (string?)card["$schema"]);
    }

    [Theory]
    [MemberData(nameof(Cards))]
    public void Build_EveryCard_StatesTheAnonymityPromiseOnce(string name, ConversationKind kind)
    {
        var texts = Texts(Build(name, kind)).ToList();

        Assert.Single(texts, text => text == Promise);
    }

    [Theory]
    [MemberData(nameof(Cards))]
    public void Build_EveryCard_StaysFarBelow28KB(string name, ConversationKind kind)
    {
        var bytes = Encoding.UTF8.GetByteCount(Build(name, kind).ToJsonString());

        Assert.InRange(bytes, 1, MaxCardBytes / 4);
    }

    [Fact]
    public void WelcomeCard_Build_NextStepsDifferByKind()
    {
        var channel = WelcomeCard.Build(ConversationKind.Channel).ToJsonString();
        var groupChat = WelcomeCard.Build(ConversationKind.GroupChat).ToJsonString();
        var personal = WelcomeCard.Build(ConversationKind.Personal).ToJsonString();

        Assert.Contains("will appear in this channel", channel, StringComparison.Ordinal);
        Assert.Contains("first leader", channel, StringComparison.Ordinal);
        Assert.Contains("private chat", channel, StringComparison.Ordinal);
        Assert.Contains("short introduction", channel, StringComparison.Ordinal);
        Assert.Contains("nothing is scheduled in this chat", groupChat, StringComparison.Ordinal);
        Assert.DoesNotContain("private chat", groupChat, StringComparison.Ordinal);
        Assert.Contains("This chat is where leaders get their weekly habit", personal, StringComparison.Ordinal);
        Assert.DoesNotContain("in this channel", personal, StringComparison.Ordinal);
    }

    [Fact]
    public void WelcomeCard_Build_UsesTheGivenThreshold()
    {
        var texts = Texts(WelcomeCard.Build(ConversationKind.Channel, anonymityThreshold: 7));

        Assert.Contains(texts, text => text.Contains("at least 7 people", StringComparison.Ordinal));
    }

    [Fact]
    public void WelcomeCard_Build_ThresholdBelowMinimum_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WelcomeCard.Build(ConversationKind.Channel, anonymityThreshold: 2));
    }

    [Fact]
    public void HelpCard_Build_OneFactPerCommandInOrder()
    {
        var card = HelpCard.Build([Command("help", "Show help."), Command("checkin", "Start a check-in."), Command("Help", "Duplicate.")], ConversationKind.Channel);

        var facts = card["body"]!.AsArray().Single(e => (string?)e!["type"] == "FactSet")!["facts"]!.AsArray();
        Assert.Equal(["help", "checkin"], facts.Select(f => (string?)f!["title"]));
        Assert.Equal(["Show help.", "Start a check-in."], facts.Select(f => (string?)f!["value"]));
    }

    [Fact]
    public async Task ValidateAsync_CardWithUnknownElementType_IsRejected()
    {
        var card = WelcomeCard.Build(ConversationKind.Channel);
        card["body"]!.AsArray().Add(new JsonObject { ["type"] = "Input.Dropdown", ["id"] = "x" });

        var errors = await AdaptiveCardSchema.ValidateAsync(card);

        Assert.Contains(errors, e => e.Path == "#/body[6]");
    }

    [Fact]
    public async Task ValidateAsync_TextBlockWithMisspelledProperty_IsRejected()
    {
        var card = HelpCard.Build([Command("help", "Show help.")], ConversationKind.Personal);
        card["body"]![0]!["colour"] = "Accent";

        var errors = await AdaptiveCardSchema.ValidateAsync(card);

        Assert.NotEmpty(errors);
    }

    [Fact]
    public async Task ValidateAsync_TextBlockWithSizeOutsideItsEnum_IsRejected()
    {
        var card = HelpCard.Build([Command("help", "Show help.")], ConversationKind.Personal);
        card["body"]![0]!["size"] = "Huge";

        var errors = await AdaptiveCardSchema.ValidateAsync(card);

        Assert.Contains(errors, e => e.Path == "#/body[0]");
    }

    [Fact]
    public async Task ValidateAsync_CardOverTeamsSizeLimit_IsRejectedAsTooLarge()
    {
        var card = WelcomeCard.Build(ConversationKind.Channel);
        card["body"]!.AsArray().Add(new JsonObject { ["type"] = "TextBlock", ["text"] = new string('x', AdaptiveCardSchema.MaxCardBytes), ["wrap"] = true });

        var errors = await AdaptiveCardSchema.ValidateAsync(card);

        var problem = Assert.Single(errors);
        Assert.Equal(new CardProblem(CardProblem.TooLarge, "#"), problem);
    }

    [Fact]
    public async Task ValidateAsync_TeamsWidthProperty_IsAccepted()
    {
        var card = WelcomeCard.Build(ConversationKind.Channel);
        card["msteams"] = new JsonObject { ["width"] = "Full" };

        var errors = await AdaptiveCardSchema.ValidateAsync(card);

        Assert.True(errors.Count == 0, AdaptiveCardSchema.Describe(errors));
    }

    internal static JsonObject Build(string name, ConversationKind kind) => name switch
    {
        "welcome" => WelcomeCard.Build(kind),
        "privacy" => PrivacyCard.Build(kind, 5, TimeSpan.FromDays(180), TimeSpan.FromDays(30)),
        "help" => HelpCard.Build(
            [new HelpCommand(new MessageReplies(), new TrustBot.Core.Leaders.PersonLeadership(Mock.Of<TrustBot.Core.Leaders.ILeaderStore>()), TrustBot.Core.Tests.Commands.TestThresholds.For(Mock.Of<TrustBot.Core.Leaders.ILeaderStore>()), NullLogger<HelpCommand>.Instance), Command("checkin", "Start a check-in now.")],
            kind),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static ICommand Command(string name, string description) =>
        Mock.Of<ICommand>(c => c.Name == name && c.Description == description);

    private static IEnumerable<string> Texts(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(pair => pair.Key == "text" && pair.Value is JsonValue value
            ? [value.GetValue<string>()]
            : Texts(pair.Value)),
        JsonArray array => array.SelectMany(Texts),
        _ => [],
    };
}
