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

    internal static readonly TimeSpan ShortestSweepInterval = TimeSpan.FromMinutes(1);

    internal static readonly TimeSpan LongestSweepInterval = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(failures, "Retention:NotesMaxAge", options.NotesMaxAge, ShortestNotesMaxAge, LongestNotesMaxAge);
        Check(failures, "Retention:RemovedTeamGracePeriod", options.RemovedTeamGracePeriod, ShortestGracePeriod, LongestGracePeriod);
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
        { TotalMinutes: >= 1 } when span.TotalMinutes % 1 == 0 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} minute{(span.TotalMinutes == 1 ? "" : "s")}"),
        _ => span.ToString("c", CultureInfo.InvariantCulture),
    };
}
