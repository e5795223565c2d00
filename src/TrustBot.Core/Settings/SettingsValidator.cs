using System.Globalization;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Installations;
using TrustBot.Core.Questions;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Settings;

/// <summary>
/// Turns a submitted settings card into <see cref="TeamSettings"/>, or into a list of what to fix. Pure: the caller
/// supplies the channels that may be chosen, the stored schedule (for what the card does not change) and "now".
/// </summary>
public static class SettingsValidator
{
    public const int MinThreshold = AnonymityThresholds.MinimumThreshold;

    public const int MaxThreshold = 25;

    /// <summary>The most leaders a team may have: each gets a weekly nudge and digest.</summary>
    public const int MaxLeaders = 20;

    /// <summary>How far ahead a pause may end.</summary>
    public const int MaxPauseDays = 366;

    /// <summary>The check-in cadences offered, in weeks.</summary>
    public static readonly IReadOnlyList<int> Cadences = [1, 2, 4];

    /// <summary>The weekdays in the order the card offers them.</summary>
    public static readonly IReadOnlyList<DayOfWeek> Days =
    [
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday,
    ];

    public static readonly IReadOnlyList<QuestionSet> QuestionSets = [QuestionSet.Everything, QuestionSet.PsychologicalSafety, QuestionSet.Trust];

    public const string ChannelProblem = "Choose one of the team's channels for check-ins.";
    public const string CadenceProblem = "Choose how often check-ins happen: every week, every 2 weeks or every 4 weeks.";
    public const string DayProblem = "Choose the weekday for check-ins.";
    public const string TimeProblem = "Enter the check-in time as hours and minutes, for example 10:00.";
    public const string TimeZoneMissingProblem = "Enter a time zone, for example Europe/Berlin.";
    public const string QuestionSetProblem = "Choose which questions check-ins ask.";
    public const string ThresholdProblem = "The anonymity threshold must be a whole number from 3 to 25.";
    public const string NotesProblem = "Choose where speak-up notes go.";
    public const string PauseFormatProblem = "Enter the pause date as a date, for example 2026-12-31, or leave it empty.";
    public const string PauseTooLongProblem = "Check-ins can be paused for at most a year. Choose an earlier date.";
    public const string NoLeadersProblem = "Choose at least one leader: a team always needs one.";
    public const string BotLeaderProblem = "Bots can't lead a team. Choose people only.";

    public static string UnknownTimeZoneProblem(string zone) =>
        $"I don't know the time zone \"{Shorten(zone)}\". Use a name such as Europe/Berlin, America/New_York or UTC.";

    public static string PastPauseProblem(DateOnly date) =>
        $"The pause date {date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} has already passed. Choose a later date, or leave it empty to keep check-ins running.";

    public static string TooManyLeadersProblem => $"A team can have at most {MaxLeaders} leaders.";

    /// <summary>Checks every value; never stops at the first problem, so the card can list them all at once.</summary>
    /// <param name="values">What was submitted (untrusted).</param>
    /// <param name="channelIds">The channels that may be chosen.</param>
    /// <param name="current">The team's schedule as stored; the speak-up rhythm, which the card does not show, is kept.</param>
    /// <param name="now">The current instant, for the pause date.</param>
    public static SettingsValidation Validate(SettingsValues values, IReadOnlyCollection<string> channelIds, TeamSchedule current, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(channelIds);
        ArgumentNullException.ThrowIfNull(current);
        var problems = new List<string>();

        var channel = values.ChannelId.Length > 0 && channelIds.Contains(values.ChannelId, StringComparer.Ordinal) ? values.ChannelId : null;
        Require(channel is not null, ChannelProblem, problems);

        var cadence = Cadences.FirstOrDefault(c => c.ToString(CultureInfo.InvariantCulture) == values.Cadence);
        Require(cadence > 0, CadenceProblem, problems);

        DayOfWeek? day = Days.Any(d => d.ToString() == values.Day) ? Days.First(d => d.ToString() == values.Day) : null;
        Require(day is not null, DayProblem, problems);

        var time = ParseTime(values.Time);
        Require(time is not null, TimeProblem, problems);

        var zone = ParseZone(values.TimeZone, problems);

        QuestionSet? questions = QuestionSets.Any(q => q.ToString() == values.QuestionSet) ? QuestionSets.First(q => q.ToString() == values.QuestionSet) : null;
        Require(questions is not null, QuestionSetProblem, problems);

        var threshold = ParseThreshold(values.Threshold);
        Require(threshold is not null, ThresholdProblem, problems);

        bool? shareNotes = values.Notes switch
        {
            SettingsVerbs.NotesToLeaders => false,
            SettingsVerbs.NotesAlsoInChannel => true,
            _ => null,
        };
        Require(shareNotes is not null, NotesProblem, problems);

        var pausedUntil = ParsePause(values.PausedUntil, zone ?? TimeZones.Resolve(current.TimeZoneId, null), now, problems);

        Require(values.LeaderIds.Count > 0, NoLeadersProblem, problems);
        Require(!values.LeaderIds.Any(id => id.StartsWith("28:", StringComparison.Ordinal)), BotLeaderProblem, problems);
        Require(values.LeaderIds.Count <= MaxLeaders, TooManyLeadersProblem, problems);

        if (problems.Count > 0)
        {
            return new SettingsValidation(null, values.LeaderIds, problems);
        }

        var schedule = new TeamSchedule(
            day!.Value, time!.Value, zone!.Id, cadence, current.SpeakUpEveryWeeks, pausedUntil);
        var settings = new TeamSettings(channel!, schedule, questions!.Value, threshold!.Value, shareNotes!.Value);
        return new SettingsValidation(settings, values.LeaderIds, []);
    }

    private static void Require(bool condition, string problem, List<string> problems)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }

    private static TimeOnly? ParseTime(string text) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    private static TimeZoneInfo? ParseZone(string text, List<string> problems)
    {
        if (text.Length == 0)
        {
            problems.Add(TimeZoneMissingProblem);
            return null;
        }

        // Only what a zone name can contain, so nothing odd reaches the zone lookup.
        if (text.Length > 64 || text.Contains("..", StringComparison.Ordinal) || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+' or ' ' or '.')
            || FindZone(text) is not { } zone)
        {
            problems.Add(UnknownTimeZoneProblem(text));
            return null;
        }

        // Stored as an IANA id when there is one, the spelling Teams clients send and the scheduler expects.
        if (!zone.HasIanaId && TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var ianaId)
            && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var iana))
        {
            return iana;
        }

        return zone;
    }

    // The lookup is case-sensitive or not depending on what the runtime has cached, so "europe/berlin" is matched
    // against the known ids once more and always comes out spelled the canonical way.
    private static TimeZoneInfo? FindZone(string text) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(text, out var zone)
            ? zone
            : TimeZoneInfo.GetSystemTimeZones().FirstOrDefault(z => string.Equals(z.Id, text, StringComparison.OrdinalIgnoreCase));

    private static int? ParseThreshold(string text)
    {
        const NumberStyles Style = NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign;
        if (text.Length == 0 || text.Length > 20 || !decimal.TryParse(text, Style, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        return number == decimal.Truncate(number) && number >= MinThreshold && number <= MaxThreshold ? (int)number : null;
    }

    private static DateOnly? ParsePause(string text, TimeZoneInfo zone, DateTimeOffset now, List<string> problems)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            problems.Add(PauseFormatProblem);
            return null;
        }

        var today = LocalTime.DateIn(now, zone);
        if (date < today)
        {
            problems.Add(PastPauseProblem(date));
        }
        else if (date > today.AddDays(MaxPauseDays))
        {
            problems.Add(PauseTooLongProblem);
        }

        // A pause that ends today is over already: check-ins simply run again.
        return date > today ? date : null;
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
