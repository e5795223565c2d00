using System.Globalization;
using System.Text.Json.Nodes;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;
using TrustBot.Core.Settings;
using TrustBot.Core.Tests.Cards;
using TrustBot.Core.Tests.Leaders;
using TrustBot.Testing.Schemas;

namespace TrustBot.Core.Tests.Settings;

public sealed class SettingsCardTests
{
    internal static readonly Leader Ada = LeaderTestData.Leader(SettingsHarness.AdaId, "Ada Lovelace");

    [Fact]
    public async Task Build_CurrentSettings_IsSchemaValidAndPrefilled()
    {
        var team = LeaderTestData.Team();
        var card = SettingsCard.Build(team, SettingsValues.Current(team, [Ada], 5), SmallChoices(), [Ada], [], LeaderTestData.Now);

        await AssertValidAsync(card);
        Assert.Equal(TestIds.ChosenChannelId, (string?)Input(card, SettingsVerbs.ChannelInput)["value"]);
        Assert.Equal("Tuesday", (string?)Input(card, SettingsVerbs.DayInput)["value"]);
        Assert.Equal("10:00", (string?)Input(card, SettingsVerbs.TimeInput)["value"]);
        Assert.Equal("Europe/Berlin", (string?)Input(card, SettingsVerbs.TimeZoneInput)["value"]);
        Assert.Equal(5, (int?)Input(card, SettingsVerbs.ThresholdInput)["value"]);
        Assert.Equal(SettingsHarness.AdaId, (string?)Input(card, SettingsVerbs.LeadersInput)["value"]);
        Assert.True((bool?)Input(card, SettingsVerbs.LeadersInput)["isMultiSelect"]);
        Assert.Null(Input(card, SettingsVerbs.PausedUntilInput)["value"]);
    }

    [Fact]
    public void Build_LeaderOnTheRosterUnderAnotherTeamsId_IsOfferedOnceByTheLeadersId()
    {
        var team = LeaderTestData.Team();
        var ada = Ada with { AadObjectId = "aad-ada" };
        var choices = SmallChoices() with
        {
            People = [new TeamMember("29:1ada-elsewhere", "AAD-ADA", "Ada Lovelace"), new TeamMember(SettingsHarness.GraceId, null, "Grace Hopper")],
        };

        var card = SettingsCard.Build(team, SettingsValues.Current(team, [ada], 5), choices, [ada], [], LeaderTestData.Now);

        Assert.Equal([SettingsHarness.AdaId, SettingsHarness.GraceId], Choices(card, SettingsVerbs.LeadersInput));
    }

    [Fact]
    public void Build_SaveButton_CarriesOnlyTheTeamAndWhenItWasShown()
    {
        var team = LeaderTestData.Team();
        var card = SettingsCard.Build(team, SettingsValues.Current(team, [Ada], 5), SmallChoices(), [Ada], [], LeaderTestData.Now);

        var execute = Assert.Single(CardInspection.Elements(card, "Action.Execute"));
        Assert.Equal(SettingsVerbs.Save, (string?)execute["verb"]);
        var data = execute["data"]!.AsObject();
        Assert.Equal([SettingsVerbs.TeamKey, SettingsVerbs.ShownAt], data.Select(p => p.Key));
        Assert.Equal(TestIds.TeamId, (string?)data[SettingsVerbs.TeamKey]);
        Assert.DoesNotContain(TestIds.TenantId, card.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(SettingsVerbs.Save, (string?)execute["fallback"]!["data"]!["verb"]);
    }

    [Fact]
    public async Task Build_WithProblems_ShowsEachProblemFirstAndTheSubmittedValues()
    {
        var team = LeaderTestData.Team();
        var submitted = SettingsValues.Current(team, [Ada], 5) with { Threshold = "30", TimeZone = "Mars/Base" };
        string[] problems = [SettingsValidator.ThresholdProblem, SettingsValidator.UnknownTimeZoneProblem("Mars/Base")];

        var card = SettingsCard.Build(team, submitted, SmallChoices(), [Ada], problems, LeaderTestData.Now);

        await AssertValidAsync(card);
        var container = card["body"]![1]!.AsObject();
        Assert.Equal("attention", (string?)container["style"]);
        var text = string.Join("\n", CardInspection.Texts(container));
        Assert.Contains("Nothing was saved", text, StringComparison.Ordinal);
        Assert.All(problems, p => Assert.Contains(p, text, StringComparison.Ordinal));
        Assert.Equal("Mars/Base", (string?)Input(card, SettingsVerbs.TimeZoneInput)["value"]);
        Assert.Equal(30, (int?)Input(card, SettingsVerbs.ThresholdInput)["value"]);
    }

    [Fact]
    public async Task Build_HugeTeamWithLongIdsAndNames_StaysFarBelowTeamsLimitAndKeepsEveryLeader()
    {
        var team = LeaderTestData.Team();
        var leaders = Enumerable.Range(0, 20).Select(i => LeaderTestData.Leader(LongUserId("lead", i), new string('L', 200) + i.ToString(CultureInfo.InvariantCulture))).ToList();
        var people = Enumerable.Range(0, 5_000).Select(i => new TeamMember(LongUserId("member", i), null, "Ωmega Person With A Long Name " + new string('é', 80))).ToList();
        var channels = Enumerable.Range(0, 200).Select(i => new TeamChannel($"19:{Guid.NewGuid():N}{i}@thread.tacv2", "Channel with a long long name " + new string('c', 100))).ToList();
        var choices = new TeamChoices(channels, true, people.Take(TeamChoicesReader.MaxPeople).ToList(), true, true, new Dictionary<string, TeamMember>());

        var card = SettingsCard.Build(team, SettingsValues.Current(team, leaders, 5), choices, leaders, [SettingsValidator.ThresholdProblem], LeaderTestData.Now);

        await AssertValidAsync(card);
        Assert.True(CardInspection.Bytes(card) < 24 * 1024, $"{CardInspection.Bytes(card)} bytes");
        var offered = Choices(card, SettingsVerbs.LeadersInput);
        Assert.All(leaders, l => Assert.Contains(l.UserId, offered));
        Assert.True(offered.Count <= TeamChoicesReader.MaxPeople);
        Assert.Contains("leaders add @name", string.Join("\n", CardInspection.Texts(card)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_ChannelsAndRosterUnreadable_OffersTheCurrentChannelAndLeadersWithHints()
    {
        var team = LeaderTestData.Team();
        var choices = new TeamChoices([new TeamChannel(TestIds.ChosenChannelId, "Current channel")], false, [], false, false, new Dictionary<string, TeamMember>());

        var card = SettingsCard.Build(team, SettingsValues.Current(team, [Ada], 5), choices, [Ada], [], LeaderTestData.Now);

        await AssertValidAsync(card);
        Assert.Equal([TestIds.ChosenChannelId], Choices(card, SettingsVerbs.ChannelInput));
        Assert.Equal([SettingsHarness.AdaId], Choices(card, SettingsVerbs.LeadersInput));
        var text = string.Join("\n", CardInspection.Texts(card));
        Assert.Contains("couldn't read the team's channel list", text, StringComparison.Ordinal);
        Assert.Contains("couldn't read the team's member list", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saved_ShowsTheSettingsAndTheNextCheckInInTheTeamsZone()
    {
        var team = LeaderTestData.Team("America/New_York") with { AnonymityThreshold = 7 };
        var next = new DateTimeOffset(2026, 11, 26, 19, 30, 0, TimeSpan.Zero);

        var card = SettingsCard.Saved(team, [Ada], "Random", ["Grace Hopper now leads **Platform Team**."], next, LeaderTestData.Now);

        await AssertValidAsync(card);
        var strings = string.Join("\n", CardInspection.VisibleStrings(card));
        Assert.Contains("#Random", strings, StringComparison.Ordinal);
        Assert.Contains("Thursday 26 November 2026 at 14:30 (America/New_York)", strings, StringComparison.Ordinal);
        Assert.Contains("Grace Hopper now leads", strings, StringComparison.Ordinal);
        Assert.Equal(SettingsVerbs.Open, (string?)Assert.Single(CardInspection.Elements(card, "Action.Execute"))["verb"]);
    }

    [Fact]
    public async Task Refused_IsSchemaValidAndSaysWhy()
    {
        var card = SettingsCard.Refused(SettingsActionHandler.NotALeaderMessage);

        await AssertValidAsync(card);
        Assert.Contains(SettingsActionHandler.NotALeaderMessage, CardInspection.Texts(card));
        Assert.Empty(CardInspection.Elements(card, "Action.Execute"));
    }

    internal static JsonObject Input(JsonObject card, string id) =>
        card["body"]!.AsArray().OfType<JsonObject>().Single(e => (string?)e["id"] == id);

    internal static List<string> Choices(JsonObject card, string id) =>
        Input(card, id)["choices"]!.AsArray().Select(c => (string)c!["value"]!).ToList();

    internal static TeamChoices SmallChoices() => new(
        [new TeamChannel(TestIds.TeamId, null), new TeamChannel(TestIds.ChosenChannelId, "Check-ins")],
        true,
        [new TeamMember(SettingsHarness.GraceId, null, "Grace Hopper")],
        true,
        false,
        new Dictionary<string, TeamMember>());

    private static string LongUserId(string kind, int i) =>
        $"29:1{kind}{i.ToString(CultureInfo.InvariantCulture)}" + new string('Q', 80);

    private static async Task AssertValidAsync(JsonObject card)
    {
        var errors = await AdaptiveCardSchema.ValidateAsync(card);
        Assert.True(errors.Count == 0, AdaptiveCardSchema.Describe(errors));
        Assert.True(CardInspection.Bytes(card) < CardInspection.MaxCardBytes);
    }
}
