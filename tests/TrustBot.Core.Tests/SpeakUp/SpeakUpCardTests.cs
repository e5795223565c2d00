using System.Text.Json.Nodes;
using TrustBot.Core.Cards;
using TrustBot.Core.SpeakUp;
using TrustBot.Testing.Schemas;
using static TrustBot.Core.Tests.Cards.CardInspection;

namespace TrustBot.Core.Tests.SpeakUp;

public sealed class SpeakUpCardTests
{
    private static readonly SpeakUpPrompt Prompt = PromptLibrary.Default.Find("voice-unsaid")!;

    public static TheoryData<string> Views() => ["ask", "thanks", "already", "closed", "closed-without-prompt", "problem"];

    [Theory]
    [MemberData(nameof(Views))]
    public async Task View_ValidatesAgainstAdaptiveCard15Schema(string view)
    {
        var errors = await AdaptiveCardSchema.ValidateAsync(Build(view));

        Assert.True(errors.Count == 0, AdaptiveCardSchema.Describe(errors));
    }

    [Theory]
    [MemberData(nameof(Views))]
    public void View_IsVersion15WithSummaryAndBelow28KB(string view)
    {
        var card = Build(view);

        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal(SpeakUpCard.Summary, (string?)card["fallbackText"]);
        Assert.InRange(Bytes(card), 1, MaxCardBytes - 1);
    }

    [Fact]
    public void Ask_HasTheQuestionAndOneMultilineTextBox()
    {
        var card = SpeakUpCard.Ask(Session(), Prompt);

        Assert.Contains(Prompt.Text, Texts(card));
        var input = Assert.Single(Elements(card, "Input.Text"));
        Assert.Equal(CardData.NoteInput, (string?)input["id"]);
        Assert.True((bool?)input["isMultiline"]);
        Assert.Equal(1000, (int?)input["maxLength"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)input["label"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)input["placeholder"]));
    }

    [Fact]
    public void Ask_ExplainsNotesAreSharedInGroupsOfK()
    {
        var explanation = Assert.Single(Texts(SpeakUpCard.Ask(Session(threshold: 6), Prompt)), t => t.StartsWith("Notes are shared", StringComparison.Ordinal));

        Assert.Contains("without names", explanation, StringComparison.Ordinal);
        Assert.Contains("contact details and links", explanation, StringComparison.Ordinal);
        Assert.Contains("in groups of at least 6, never one at a time", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_SendIsActionExecuteWithSubmitFallback()
    {
        var card = SpeakUpCard.Ask(Session(), Prompt);

        var execute = Assert.Single(Assert.Single(Elements(card, "ActionSet"))["actions"]!.AsArray())!.AsObject();
        Assert.Equal("Action.Execute", (string?)execute["type"]);
        Assert.Equal(CardVerbs.SpeakUpSubmit, (string?)execute["verb"]);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["sessionId"] = "su-4d2e8f1a" }, execute["data"]));
        var fallback = execute["fallback"]!.AsObject();
        Assert.Equal("Action.Submit", (string?)fallback["type"]);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["verb"] = "speakup.submit", ["sessionId"] = "su-4d2e8f1a" }, fallback["data"]));
    }

    [Theory]
    [InlineData("ask")]
    [InlineData("thanks")]
    [InlineData("already")]
    public void View_OpenViews_RefreshWithTheSessionId(string view)
    {
        var refresh = Build(view)["refresh"]!.AsObject();

        Assert.Null(refresh["userIds"]);
        Assert.Equal(CardVerbs.SpeakUpRefresh, (string?)refresh["action"]!["verb"]);
        Assert.Equal("su-4d2e8f1a", (string?)refresh["action"]!["data"]!["sessionId"]);
    }

    [Theory]
    [InlineData("thanks")]
    [InlineData("already")]
    [InlineData("closed")]
    [InlineData("problem")]
    public void View_AfterAnswering_HasNoTextBoxOrSendButton(string view)
    {
        var card = Build(view);

        Assert.Empty(Elements(card, "Input.Text"));
        Assert.Empty(Elements(card, "ActionSet"));
    }

    [Fact]
    public void Closed_HasNoRefreshAndRepeatsTheQuestion()
    {
        var card = SpeakUpCard.Closed(Session(), Prompt);

        Assert.Null(card["refresh"]);
        Assert.Contains(Prompt.Text, Texts(card));
    }

    [Fact]
    public void Thanks_SaysTheNoteIsSharedInAGroupOfK()
    {
        Assert.Contains(Texts(SpeakUpCard.Thanks(Session(threshold: 4))), t => t.Contains("in a group of at least 4 notes", StringComparison.Ordinal));
    }

    [Fact]
    public void Problem_ShowsTheMessage()
    {
        Assert.Contains("This question has closed.", Texts(SpeakUpCard.Problem("This question has closed.")));
    }

    internal static JsonObject Build(string view) => view switch
    {
        "ask" => SpeakUpCard.Ask(Session(), Prompt),
        "thanks" => SpeakUpCard.Thanks(Session()),
        "already" => SpeakUpCard.AlreadyAnswered(Session()),
        "closed" => SpeakUpCard.Closed(Session(), Prompt),
        "closed-without-prompt" => SpeakUpCard.Closed(Session()),
        "problem" => SpeakUpCard.Problem("Something went wrong."),
        _ => throw new ArgumentOutOfRangeException(nameof(view), view, null),
    };
}
