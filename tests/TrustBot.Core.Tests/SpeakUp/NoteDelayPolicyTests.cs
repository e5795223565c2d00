using Microsoft.Extensions.Options;
using TrustBot.Core.SpeakUp;

namespace TrustBot.Core.Tests.SpeakUp;

public sealed class NoteDelayPolicyTests
{
    private const int Draws = 10_000;

    [Fact]
    public void NextDelay_DefaultOptions_StaysBetweenTwoAndThirtyMinutes()
    {
        var policy = Policy(new SpeakUpOptions());

        for (var i = 0; i < Draws; i++)
        {
            var delay = policy.NextDelay();
            Assert.InRange(delay, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(30));
        }
    }

    [Fact]
    public void NextDelay_ManyDraws_FillEveryTenthOfTheWindowEvenly()
    {
        var options = new SpeakUpOptions { MinDelay = TimeSpan.FromMinutes(2), MaxDelay = TimeSpan.FromMinutes(12) };
        var policy = Policy(options);
        var buckets = new int[10];

        for (var i = 0; i < Draws; i++)
        {
            var offset = policy.NextDelay() - options.MinDelay;
            buckets[Math.Min(9, (int)(offset.Ticks * 10 / (options.MaxDelay - options.MinDelay).Ticks))]++;
        }

        // 1,000 expected per bucket with a standard deviation of 30: ±200 only fails for a skewed generator.
        Assert.All(buckets, count => Assert.InRange(count, 800, 1200));
    }

    [Fact]
    public void NextDelay_ManyDraws_AreAlmostAllDistinct()
    {
        var policy = Policy(new SpeakUpOptions());

        var delays = Enumerable.Range(0, Draws).Select(_ => policy.NextDelay()).ToHashSet();

        // Drawn to the tick over 28 minutes (1.7e10 values), repeats are vanishingly rare; a coarse or seeded draw is not.
        Assert.True(delays.Count > Draws - 5, $"only {delays.Count} distinct delays in {Draws} draws");
    }

    [Fact]
    public void NextDelay_WindowOfOneTick_ReturnsBothEnds()
    {
        var min = TimeSpan.FromMinutes(5);
        var policy = Policy(new SpeakUpOptions { MinDelay = min, MaxDelay = min + TimeSpan.FromTicks(1) });

        var seen = Enumerable.Range(0, 200).Select(_ => policy.NextDelay()).ToHashSet();

        Assert.Equal([min, min + TimeSpan.FromTicks(1)], seen.Order());
    }

    [Fact]
    public void NextDelay_MinEqualsMax_ReturnsExactlyThatDelay()
    {
        var policy = Policy(new SpeakUpOptions { MinDelay = TimeSpan.FromMinutes(7), MaxDelay = TimeSpan.FromMinutes(7) });

        Assert.Equal(TimeSpan.FromMinutes(7), policy.NextDelay());
        Assert.Equal(TimeSpan.FromMinutes(7), policy.NextDelay());
    }

    [Fact]
    public void NextDelay_ZeroWindow_ReturnsZero()
    {
        var policy = Policy(new SpeakUpOptions { MinDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero });

        Assert.Equal(TimeSpan.Zero, policy.NextDelay());
    }

    [Fact]
    public void Constructor_MaxBelowMin_ThrowsNamingTheSettings()
    {
        var options = new SpeakUpOptions { MinDelay = TimeSpan.FromMinutes(10), MaxDelay = TimeSpan.FromMinutes(5) };

        var exception = Assert.Throws<OptionsValidationException>(() => Policy(options));

        Assert.Contains("SpeakUp:MaxDelay must be at least SpeakUp:MinDelay", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(new SpeakUpOptionsValidator().Validate(null, new SpeakUpOptions()).Succeeded);
    }

    [Fact]
    public void Validate_NegativeMin_Fails()
    {
        var options = new SpeakUpOptions { MinDelay = TimeSpan.FromSeconds(-1) };

        var result = new SpeakUpOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("SpeakUp:MinDelay must not be negative.", result.Failures);
    }

    [Fact]
    public void Validate_MaxOfSevenDays_FailsBecauseTheQueueCannotHoldThatLong()
    {
        var options = new SpeakUpOptions { MaxDelay = TimeSpan.FromDays(7) };

        var result = new SpeakUpOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures, failure => failure.StartsWith("SpeakUp:MaxDelay must be shorter than 7 days", StringComparison.Ordinal));
    }

    private static NoteDelayPolicy Policy(SpeakUpOptions options) => new(Options.Create(options));
}
