using Microsoft.Extensions.Options;

namespace TrustBot.Storage.SpeakUp;

/// <summary>Fails start-up on settings the queue service would refuse or that would stall the intake.</summary>
internal sealed class NoteIntakeOptionsValidator : IValidateOptions<NoteIntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, NoteIntakeOptions options)
    {
        var failures = new List<string>();
        if (options.PollInterval <= TimeSpan.Zero)
        {
            failures.Add("SpeakUp:Intake:PollInterval must be positive.");
        }

        if (options.BatchSize is < 1 or > 32)
        {
            failures.Add("SpeakUp:Intake:BatchSize must be between 1 and 32.");
        }

        if (options.VisibilityTimeout < TimeSpan.FromSeconds(1) || options.VisibilityTimeout > TimeSpan.FromDays(7))
        {
            failures.Add("SpeakUp:Intake:VisibilityTimeout must be between 1 second and 7 days.");
        }

        if (options.MaxDequeueCount < 1)
        {
            failures.Add("SpeakUp:Intake:MaxDequeueCount must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
