using TrustBot.Storage.SpeakUp;

namespace TrustBot.Storage.Tests.SpeakUp;

public sealed class NoteIntakeOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(new NoteIntakeOptionsValidator().Validate(null, new NoteIntakeOptions()).Succeeded);
    }

    [Fact]
    public void Validate_EverySettingOutOfRange_ReportsEachOne()
    {
        var options = new NoteIntakeOptions
        {
            PollInterval = TimeSpan.Zero,
            BatchSize = 33,
            VisibilityTimeout = TimeSpan.FromMilliseconds(500),
            MaxDequeueCount = 0,
        };

        var result = new NoteIntakeOptionsValidator().Validate(null, options);

        Assert.Equal(
            ["SpeakUp:Intake:BatchSize", "SpeakUp:Intake:MaxDequeueCount", "SpeakUp:Intake:PollInterval", "SpeakUp:Intake:VisibilityTimeout"],
            result.Failures!.Select(f => f.Split(' ')[0]).Order(StringComparer.Ordinal));
    }
}
