using System.Text.Json.Nodes;
using TrustBot.Core.Cards;
using TrustBot.Core.SpeakUp;
using TrustBot.Testing.Schemas;
using static TrustBot.Core.Tests.Cards.CardInspection;

namespace TrustBot.Core.Tests.SpeakUp;

public sealed class NotesCardTests
{
    private static readonly SpeakUpPrompt First = PromptLibrary.Default.Prompts[0];
    private static readonly SpeakUpPrompt Second = PromptLibrary.Default.Prompts[5];
    private static readonly SpeakUpPrompt Third = PromptLibrary.Default.Prompts[10];

    public static TheoryData<string> Views() => ["notes", "many-notes", "no-notes", "not-enough"];

    [Theory]
    [MemberData(nameof(Views))]
    public async Task View_ValidatesAgainstAdaptiveCard15Schema(string view)
    {
        var errors = await AdaptiveCardSchema.ValidateAsync(Build(view));

        Assert.True(errors.Count == 0, AdaptiveCardSchema.Describe(errors));
    }

    [Theory]
    [MemberData(nameof(Views))]
    public void View_IsVersion15AndBelow28KB(string view)
    {
        var card = Build(view);

        Assert.Equal("1.5", (string?)card["version"]);
        Assert.InRange(Bytes(card), 1, MaxCardBytes - 1);
    }

    [Fact]
    public void Build_ShowsEachPromptWithItsNotesInTheGivenOrder()
    {
        var texts = Texts(Build("notes")).ToList();

        var expected = new[] { First.Text, "“Too many meetings.”", "“Unclear priorities.”", Third.Text, "“We never celebrate.”" };
        var positions = expected.Select(e => texts.IndexOf(e)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.DoesNotContain(Second.Text, texts);
        Assert.Contains(texts, t => t.StartsWith("What Platform team said", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_TooManyNotes_StaysBelowTheLimitAndSaysHowManyWereLeftOut()
    {
        var card = Build("many-notes");

        Assert.True(Bytes(card) <= NotesCard.MaxCardBytes, $"{Bytes(card)} bytes");
        var shown = Texts(card).Count(t => t.StartsWith("“Note ", StringComparison.Ordinal));
        var hint = Assert.Single(Texts(card), t => t.EndsWith("more notes did not fit on this card.", StringComparison.Ordinal));
        Assert.Equal($"{100 - shown} more notes did not fit on this card.", hint);
        Assert.InRange(shown, 5, 99);
    }

    [Fact]
    public void Build_SaysItShowsTheLastReleasedSetOfGroupsOfK()
    {
        var card = NotesCard.Build("Platform team", [(First, ["Too many meetings."])], 7);

        Assert.Contains(Texts(card), t => t.Contains("in groups of at least 7, never one at a time", StringComparison.Ordinal)
            && t.Contains("changes only when the next group is released", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_NoNotes_SaysSo()
    {
        Assert.Contains("No notes this time.", Texts(Build("no-notes")));
    }

    [Fact]
    public void NotEnoughYet_SaysNotesComeInGroupsOfTheThresholdAndShowsNoNote()
    {
        var card = NotesCard.NotEnoughYet("Platform team", 6);

        Assert.Contains(Texts(card), t => t.Contains("groups of at least 6, never one at a time", StringComparison.Ordinal));
        Assert.DoesNotContain(Texts(card), t => t.StartsWith('“'));
    }

    [Fact]
    public void CardData_AnswerInput_RoundTrips()
    {
        Assert.Equal("answer-ps-risk", CardData.AnswerInput("ps-risk"));
        Assert.True(CardData.TryGetStatementId("answer-custom-focus", out var id));
        Assert.Equal("custom-focus", id);
        Assert.False(CardData.TryGetStatementId("answer-", out _));
        Assert.False(CardData.TryGetStatementId("note", out _));
    }

    internal static JsonObject Build(string view) => view switch
    {
        "notes" => NotesCard.Build(
            "Platform team",
            [
                (First, ["Too many meetings.", "Unclear priorities."]),
                (Second, []),
                (Third, ["We never celebrate."]),
            ],
            5),
        "many-notes" => NotesCard.Build(
            "Platform team",
            [(First, [.. Enumerable.Range(1, 100).Select(i => $"Note {i}: " + new string('x', 980))])],
            5),
        "no-notes" => NotesCard.Build("Platform team", [], 5),
        "not-enough" => NotesCard.NotEnoughYet("Platform team", 5),
        _ => throw new ArgumentOutOfRangeException(nameof(view), view, null),
    };
}
