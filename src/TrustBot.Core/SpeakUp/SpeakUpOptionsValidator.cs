using Microsoft.Extensions.Options;

namespace TrustBot.Core.SpeakUp;

/// <summary>
/// Checks the delay window and the release timing, so a bad setting stops start-up instead of skewing or breaking every
/// delay or release.
/// </summary>
public sealed class SpeakUpOptionsValidator : IValidateOptions<SpeakUpOptions>
{
    // A storage queue hides a message for at most seven days; a longer delay would be cut short silently,
    // which piles notes up at the limit instead of spreading them.
    internal static readonly TimeSpan LongestDelay = TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1);

    public ValidateOptionsResult Validate(string? name, SpeakUpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MinDelay < TimeSpan.Zero)
        {
            failures.Add("SpeakUp:MinDelay must not be negative.");
        }

        if (options.MaxDelay < options.MinDelay)
        {
            failures.Add("SpeakUp:MaxDelay must be at least SpeakUp:MinDelay.");
        }

        if (options.MaxDelay > LongestDelay)
        {
            failures.Add("SpeakUp:MaxDelay must be shorter than 7 days (the longest a storage queue can hold a message back).");
        }

        if (options.ReleaseInterval <= TimeSpan.Zero)
        {
            failures.Add("SpeakUp:ReleaseInterval must be positive.");
        }

        if (options.ReleaseSettle < TimeSpan.Zero)
        {
            failures.Add("SpeakUp:ReleaseSettle must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
