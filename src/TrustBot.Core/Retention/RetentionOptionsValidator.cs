using System.Globalization;
using Microsoft.Extensions.Options;

namespace TrustBot.Core.Retention;

/// <summary>Refuses retention settings that would delete too soon, never delete, or sweep absurdly often.</summary>
public sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    // Notes feed the digest and the re-posts of the weeks after their prompt; a day is the least that keeps them usable.
    internal static readonly TimeSpan ShortestNotesMaxAge = TimeSpan.FromDays(1);

    // Ten years: anything longer is "keep forever" in disguise, which the privacy promise does not allow.
    internal static readonly TimeSpan LongestNotesMaxAge = TimeSpan.FromDays(3650);

    // Teams sometimes remove and re-add an app by mistake; a day leaves room to notice before the data is gone.
    internal static readonly TimeSpan ShortestGracePeriod = TimeSpan.FromDays(1);

    internal static readonly TimeSpan LongestGracePeriod = TimeSpan.FromDays(365);

    // Leases last minutes; an hour past expiry is well beyond any clock skew between instances.
    internal static readonly TimeSpan ShortestExpiredLeaseMaxAge = TimeSpan.FromHours(1);

    internal static readonly TimeSpan LongestExpiredLeaseMaxAge = TimeSpan.FromDays(30);

    // A queued send and its redeliveries live at most 8 days from when it was queued (a delay under 7 days, then a
    // day): the record must outlive that with room to spare, so that a late copy is recognised and not sent twice.
    internal static readonly TimeSpan ShortestIdempotencyMaxAge = TimeSpan.FromDays(15);

    // The readiness check counts the last day's dead letters; two days keep that count whole.
    internal static readonly TimeSpan ShortestDeadLettersMaxAge = TimeSpan.FromDays(2);

    // The launch gate reads only today's counter, and a launch that fails just after midnight gives back yesterday's
    // reservation: a counter must outlive its day by one more.
    internal static readonly TimeSpan ShortestLaunchCountsMaxAge = TimeSpan.FromDays(1);

    // Operational rows name teams and leaders; a year is the most any of them may be kept.
    internal static readonly TimeSpan LongestOperationalMaxAge = TimeSpan.FromDays(365);

    internal static readonly TimeSpan ShortestSweepInterval = TimeSpan.FromMinutes(1);

    internal static readonly TimeSpan LongestSweepInterval = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(failures, "Retention:NotesMaxAge", options.NotesMaxAge, ShortestNotesMaxAge, LongestNotesMaxAge);
        Check(failures, "Retention:RemovedTeamGracePeriod", options.RemovedTeamGracePeriod, ShortestGracePeriod, LongestGracePeriod);
        Check(failures, "Retention:ExpiredLeaseMaxAge", options.ExpiredLeaseMaxAge, ShortestExpiredLeaseMaxAge, LongestExpiredLeaseMaxAge);
        Check(failures, "Retention:IdempotencyMaxAge", options.IdempotencyMaxAge, ShortestIdempotencyMaxAge, LongestOperationalMaxAge);
        Check(failures, "Retention:DeadLettersMaxAge", options.DeadLettersMaxAge, ShortestDeadLettersMaxAge, LongestOperationalMaxAge);
        Check(failures, "Retention:LaunchCountsMaxAge", options.LaunchCountsMaxAge, ShortestLaunchCountsMaxAge, LongestOperationalMaxAge);
        Check(failures, "Retention:SweepInterval", options.SweepInterval, ShortestSweepInterval, LongestSweepInterval);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string key, TimeSpan value, TimeSpan shortest, TimeSpan longest)
    {
        if (value < shortest || value > longest)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{key} must be between {Describe(shortest)} and {Describe(longest)} (it is {value:c})."));
        }
    }

    private static string Describe(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } when span.TotalDays % 1 == 0 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0} day{(span.TotalDays == 1 ? "" : "s")}"),
        { TotalHours: >= 1 } when span.TotalHours % 1 == 0 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0} hour{(span.TotalHours == 1 ? "" : "s")}"),
        { TotalMinutes: >= 1 } when span.TotalMinutes % 1 == 0 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} minute{(span.TotalMinutes == 1 ? "" : "s")}"),
        _ => span.ToString("c", CultureInfo.InvariantCulture),
    };
}
