using System.Text.Json.Nodes;
using TrustBot.Core.Leaders;
using TrustBot.Core.Scheduling;
using TrustBot.Core.Tests.Cards;
using TrustBot.Testing.Schemas;

namespace TrustBot.Core.Tests.Leaders;

public sealed class LeaderIntroCardTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly DateTimeOffset FirstCheckIn = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Build_ValidatesAgainstAdaptiveCard15Schema()
    {
        var errors = await AdaptiveCardSchema.ValidateAsync(Build());

        Assert.True(errors.Count == 0, AdaptiveCardSchema.Describe(errors));
    }

    [Fact]
    public void Build_SaysWhatHappens_WhoLeads_TheCommands_AndWhen()
    {
        var text = Text(Build());

        Assert.Contains("Welcome to TrustBot, Ada Lovelace", text, StringComparison.Ordinal);
        Assert.Contains("You added me to **Platform Team**, so you're its first leader.", text, StringComparison.Ordinal);
        Assert.Contains("check-in in the team's channel every week", text, StringComparison.Ordinal);
        Assert.Contains("Tuesday 24 November at 10:00 (Europe/Berlin)", text, StringComparison.Ordinal);
        Assert.Contains("Mondays at 09:00 (Europe/Berlin)", text, StringComparison.Ordinal);
        foreach (var command in new[] { "**settings**", "**leaders**", "**help**" })
        {
            Assert.Contains(command, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Build_StatesTheTeamsAnonymityThresholdOnce()
    {
        var texts = CardInspection.Texts(Build(threshold: 7)).ToList();

        Assert.Single(texts, t => t.Contains("at least 7 people", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_OtherLeadersAndNoNames_ReadNaturally()
    {
        var text = Text(LeaderIntroCard.Build(
            null, null, ["Grace Hopper", "Alan Turing"], FirstCheckIn, 2, WeeklySlot.LeaderDefault(Berlin.Id), Berlin, 5));

        Assert.Contains("Welcome to TrustBot", text, StringComparison.Ordinal);
        Assert.Contains("You added me to **your team**, so you now lead it together with Grace Hopper and Alan Turing.", text, StringComparison.Ordinal);
        Assert.Contains("every 2 weeks", text, StringComparison.Ordinal);
        Assert.DoesNotContain("first leader", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_StaysSmall()
    {
        Assert.InRange(CardInspection.Bytes(Build()), 1, 28 * 1024 / 4);
    }

    private static JsonObject Build(int threshold = 5) => LeaderIntroCard.Build(
        "Ada Lovelace", "Platform Team", [], FirstCheckIn, 1, WeeklySlot.LeaderDefault(Berlin.Id), Berlin, threshold);

    private static string Text(JsonObject card) => string.Join("\n", CardInspection.VisibleStrings(card));
}
