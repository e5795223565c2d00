using System.Text.Json.Nodes;
using TrustBot.Core.Questions;
using TrustBot.Core.Scheduling;
using TrustBot.Core.Settings;

namespace TrustBot.Core.Tests.Settings;

public sealed class SettingsValidatorTests
{
    // Monday 23 November 2026, 10:00 UTC: 11:00 in Berlin, 05:00 in New York.
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly TeamSchedule Current = TeamSchedule.Default("Europe/Berlin") with { SpeakUpEveryWeeks = 3 };
    private static readonly string[] ChannelIds = [TestIds.TeamId, SettingsHarness.OtherChannelId];

    [Fact]
    public void Validate_EveryFieldValid_BuildsTheSettingsAndKeepsTheSpeakUpRhythm()
    {
        var result = Validate(SettingsHarness.ValidData(SettingsHarness.AdaId + "," + SettingsHarness.GraceId));

        Assert.True(result.IsValid, string.Join(" | ", result.Problems));
        var settings = result.Settings!;
        Assert.Equal(SettingsHarness.OtherChannelId, settings.ChannelId);
        Assert.Equal(new TeamSchedule(DayOfWeek.Thursday, new TimeOnly(14, 30), "America/New_York", 2, 3, null), settings.Schedule);
        Assert.Equal(QuestionSet.Trust, settings.QuestionSet);
        Assert.Equal(7, settings.AnonymityThreshold);
        Assert.True(settings.ShareNotesInChannel);
        Assert.Equal([SettingsHarness.AdaId, SettingsHarness.GraceId], result.LeaderIds);
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData("25", 25)]
    [InlineData("5.0", 5)]
    [InlineData("12", 12)]
    public void Validate_ThresholdAtOrWithinBounds_IsAccepted(string threshold, int expected)
    {
        var result = Validate(With(SettingsVerbs.ThresholdInput, threshold));

        Assert.True(result.IsValid, string.Join(" | ", result.Problems));
        Assert.Equal(expected, result.Settings!.AnonymityThreshold);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("26")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("5.5")]
    [InlineData("five")]
    [InlineData("")]
    [InlineData("1e1")]
    public void Validate_ThresholdOutOfRangeOrNotWhole_IsRefused(string threshold)
    {
        AssertOnlyProblem(Validate(With(SettingsVerbs.ThresholdInput, threshold)), SettingsValidator.ThresholdProblem);
    }

    [Fact]
    public void Validate_ThresholdSentAsAJsonNumber_IsRead()
    {
        var data = SettingsHarness.ValidData();
        data[SettingsVerbs.ThresholdInput] = 9;

        Assert.Equal(9, Validate(data).Settings!.AnonymityThreshold);
    }

    [Theory]
    [InlineData(SettingsVerbs.ChannelInput, "19:not-a-channel-of-this-team@thread.tacv2", SettingsValidator.ChannelProblem)]
    [InlineData(SettingsVerbs.ChannelInput, "", SettingsValidator.ChannelProblem)]
    [InlineData(SettingsVerbs.CadenceInput, "3", SettingsValidator.CadenceProblem)]
    [InlineData(SettingsVerbs.CadenceInput, "0", SettingsValidator.CadenceProblem)]
    [InlineData(SettingsVerbs.CadenceInput, "weekly", SettingsValidator.CadenceProblem)]
    [InlineData(SettingsVerbs.DayInput, "Funday", SettingsValidator.DayProblem)]
    [InlineData(SettingsVerbs.DayInput, "3", SettingsValidator.DayProblem)]
    [InlineData(SettingsVerbs.DayInput, "", SettingsValidator.DayProblem)]
    [InlineData(SettingsVerbs.TimeInput, "25:00", SettingsValidator.TimeProblem)]
    [InlineData(SettingsVerbs.TimeInput, "ten", SettingsValidator.TimeProblem)]
    [InlineData(SettingsVerbs.TimeInput, "", SettingsValidator.TimeProblem)]
    [InlineData(SettingsVerbs.TimeZoneInput, "", SettingsValidator.TimeZoneMissingProblem)]
    [InlineData(SettingsVerbs.QuestionSetInput, "Nothing", SettingsValidator.QuestionSetProblem)]
    [InlineData(SettingsVerbs.QuestionSetInput, "1", SettingsValidator.QuestionSetProblem)]
    [InlineData(SettingsVerbs.NotesInput, "everyone", SettingsValidator.NotesProblem)]
    [InlineData(SettingsVerbs.NotesInput, "", SettingsValidator.NotesProblem)]
    [InlineData(SettingsVerbs.PausedUntilInput, "31/12/2026", SettingsValidator.PauseFormatProblem)]
    [InlineData(SettingsVerbs.PausedUntilInput, "2028-01-01", SettingsValidator.PauseTooLongProblem)]
    [InlineData(SettingsVerbs.LeadersInput, "", SettingsValidator.NoLeadersProblem)]
    [InlineData(SettingsVerbs.LeadersInput, " , ", SettingsValidator.NoLeadersProblem)]
    [InlineData(SettingsVerbs.LeadersInput, "29:1ada,28:somebot", SettingsValidator.BotLeaderProblem)]
    public void Validate_OneBadValue_NamesExactlyThatProblem(string input, string value, string problem)
    {
        AssertOnlyProblem(Validate(With(input, value)), problem);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Europe/Berl")]
    [InlineData("../../etc/passwd")]
    [InlineData("Europe/Berlin; DROP")]
    public void Validate_UnknownTimeZone_IsRefusedNamingIt(string zone)
    {
        var result = Validate(With(SettingsVerbs.TimeZoneInput, zone));

        var problem = Assert.Single(result.Problems);
        Assert.Contains("I don't know the time zone", problem, StringComparison.Ordinal);
        Assert.Null(result.Settings);
    }

    [Theory]
    [InlineData("europe/berlin ")]
    [InlineData("EUROPE/BERLIN")]
    public void Validate_ZoneInAnotherCase_IsStoredInItsCanonicalSpelling(string zone)
    {
        Assert.Equal("Europe/Berlin", Validate(With(SettingsVerbs.TimeZoneInput, zone)).Settings!.Schedule.TimeZoneId);
    }

    [Fact]
    public void Validate_WindowsZoneId_IsStoredAsItsIanaId()
    {
        var result = Validate(With(SettingsVerbs.TimeZoneInput, "W. Europe Standard Time"));

        Assert.Equal("Europe/Berlin", result.Settings!.Schedule.TimeZoneId);
    }

    [Fact]
    public void Validate_PauseDateInThePast_IsRefused()
    {
        var result = Validate(With(SettingsVerbs.PausedUntilInput, "2026-11-22"));

        AssertOnlyProblem(result, SettingsValidator.PastPauseProblem(new DateOnly(2026, 11, 22)));
        Assert.Contains("22 November 2026", result.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PauseDateYesterdayInTheChosenZoneButTodayInUtc_IsJudgedInTheChosenZone()
    {
        // At 01:00 UTC on the 24th it is still the 23rd in New York: the 23rd is today there, not past.
        var now = new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);
        var data = With(SettingsVerbs.PausedUntilInput, "2026-11-23");

        Assert.True(SettingsValidator.Validate(SettingsValues.Submitted(data), ChannelIds, Current, now).IsValid);
        data[SettingsVerbs.TimeZoneInput] = "Asia/Tokyo";
        Assert.False(SettingsValidator.Validate(SettingsValues.Submitted(data), ChannelIds, Current, now).IsValid);
    }

    [Fact]
    public void Validate_FuturePauseDate_IsStored_AndTodayMeansNotPaused()
    {
        Assert.Equal(new DateOnly(2027, 1, 4), Validate(With(SettingsVerbs.PausedUntilInput, "2027-01-04")).Settings!.Schedule.PausedUntil);
        Assert.Null(Validate(With(SettingsVerbs.PausedUntilInput, "2026-11-23")).Settings!.Schedule.PausedUntil);
    }

    [Fact]
    public void Validate_TooManyLeaders_IsRefused()
    {
        var ids = string.Join(',', Enumerable.Range(0, SettingsValidator.MaxLeaders + 1).Select(i => $"29:1person{i}"));

        AssertOnlyProblem(Validate(With(SettingsVerbs.LeadersInput, ids)), SettingsValidator.TooManyLeadersProblem);
    }

    [Fact]
    public void Validate_EverythingWrong_ListsEveryProblemAtOnce()
    {
        var data = new JsonObject { [SettingsVerbs.TeamKey] = TestIds.TeamId };

        var result = Validate(data);

        Assert.Null(result.Settings);
        Assert.Equal(9, result.Problems.Count);
        Assert.Contains(SettingsValidator.NoLeadersProblem, result.Problems);
        Assert.Contains(SettingsValidator.TimeZoneMissingProblem, result.Problems);
    }

    [Fact]
    public void Validate_HugeOrOddlyTypedValues_AreReadSafely()
    {
        var data = SettingsHarness.ValidData();
        data[SettingsVerbs.TimeZoneInput] = new string('x', 100_000);
        data[SettingsVerbs.DayInput] = new JsonObject { ["nested"] = "Monday" };
        data[SettingsVerbs.LeadersInput] = new JsonArray("29:1ada");

        var result = Validate(data);

        Assert.Equal(3, result.Problems.Count);
        Assert.Contains(SettingsValidator.DayProblem, result.Problems);
        Assert.Contains(SettingsValidator.NoLeadersProblem, result.Problems);
        Assert.True(result.Problems.All(p => p.Length < 300));
    }

    private static SettingsValidation Validate(JsonObject data) =>
        SettingsValidator.Validate(SettingsValues.Submitted(data), ChannelIds, Current, Now);

    private static JsonObject With(string key, string value)
    {
        var data = SettingsHarness.ValidData();
        data[key] = value;
        return data;
    }

    private static void AssertOnlyProblem(SettingsValidation result, string problem)
    {
        Assert.Null(result.Settings);
        Assert.False(result.IsValid);
        Assert.Equal([problem], result.Problems);
    }
}
