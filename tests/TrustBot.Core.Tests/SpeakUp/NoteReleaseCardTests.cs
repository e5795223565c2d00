using System.Text.Json.Nodes;
using TrustBot.Core.SpeakUp;
using TrustBot.Testing.Schemas;
using static TrustBot.Core.Tests.Cards.CardInspection;

namespace TrustBot.Core.Tests.SpeakUp;

public sealed class NoteReleaseCardTests
{
    private static readonly string Prompt = PromptLibrary.Default.Prompts[0].Text;

    public static TheoryData<string> Views() => ["group", "big-group-first-page", "big-group-last-page"];

    [Theory]
    [MemberData(nameof(Views))]
    public async Task View_ValidatesAgainstAdaptiveCard15SchemaAndStaysBelowTheLimit(string view)
    {
        var card = Build(view);

        var errors = await AdaptiveCardSchema.ValidateAsync(card);
        Assert.True(errors.Count == 0, AdaptiveCardSchema.Describe(errors));
        Assert.InRange(Bytes(card), 1, NotesCard.MaxCardBytes);
    }

    [Fact]
    public void Pages_SmallGroup_IsOneCardWithEveryNoteScrubbedInTheGivenOrderAndTheGroupsOfKHint()
    {
        var card = Assert.Single(NoteReleaseCard.Pages(Prompt, ["Ask @sam at sam@contoso.com", "Standups run long.", "  More pairing.  "], 4));

        var quotes = Texts(card).Where(t => t.StartsWith('“')).ToList();
        Assert.Equal(["“Ask [mention] at [email]”", "“Standups run long.”", "“More pairing.”"], quotes);
        Assert.Contains(Prompt, Texts(card));
        Assert.Contains(Texts(card), t => t.StartsWith("Notes are shared in groups of 4, in random order and without names, never one at a time", StringComparison.Ordinal));
        Assert.DoesNotContain(Texts(card), t => t.Contains("Part ", StringComparison.Ordinal));
    }

    [Fact]
    public void Pages_GroupTooBigForOneCard_SplitsItKeepingEveryNoteOnceAndInOrder()
    {
        var notes = BigGroup();

        var pages = NoteReleaseCard.Pages(Prompt, notes, 5);

        Assert.True(pages.Count > 1);
        Assert.All(pages, p => Assert.InRange(Bytes(p), 1, NotesCard.MaxCardBytes));
        var quoted = pages.SelectMany(p => Texts(p).Where(t => t.StartsWith('“'))).ToList();
        Assert.Equal(notes.Select(n => $"“{n}”"), quoted);
        Assert.Contains(Texts(pages[^1]), t => t.EndsWith($"(Part {pages.Count} of {pages.Count}.)", StringComparison.Ordinal));
    }

    [Fact]
    public void Pages_SameGroupTwice_GivesTheSamePages()
    {
        var first = NoteReleaseCard.Pages(Prompt, BigGroup(), 5);
        var second = NoteReleaseCard.Pages(Prompt, BigGroup(), 5);

        Assert.Equal(first.Count, second.Count);
        Assert.All(first.Zip(second), pair => Assert.True(JsonNode.DeepEquals(pair.First, pair.Second)));
    }

    [Fact]
    public void Pages_ThresholdBelowTheMinimum_NamesTheMinimumItIsReleasedBy()
    {
        var card = Assert.Single(NoteReleaseCard.Pages(null, ["One.", "Two.", "Three."], 1));

        Assert.Contains(Texts(card), t => t.StartsWith("Notes are shared in groups of 3,", StringComparison.Ordinal));
    }

    internal static JsonObject Build(string view) => view switch
    {
        "group" => NoteReleaseCard.Pages(Prompt, ["Standups run long.", "More pairing.", "We never celebrate."], 3)[0],
        "big-group-first-page" => NoteReleaseCard.Pages(Prompt, BigGroup(), 5)[0],
        "big-group-last-page" => NoteReleaseCard.Pages(Prompt, BigGroup(), 5)[^1],
        _ => throw new ArgumentOutOfRangeException(nameof(view), view, null),
    };

    private static List<string> BigGroup() => [.. Enumerable.Range(1, 60).Select(i => $"Note {i}: " + new string('ü', 990))];
}
