using TrustBot.Core.Retention;

namespace TrustBot.Core.Tests.Retention;

public sealed class RetentionOptionsValidatorTests
{
    private readonly RetentionOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var options = new RetentionOptions();

        Assert.True(_validator.Validate(null, options).Succeeded);
        Assert.Equal((TimeSpan.FromDays(180), TimeSpan.FromDays(30), TimeSpan.FromHours(1)), (options.NotesMaxAge, options.RemovedTeamGracePeriod, options.SweepInterval));
        Assert.Equal(
            (TimeSpan.FromDays(1), TimeSpan.FromDays(30), TimeSpan.FromDays(30), TimeSpan.FromDays(7)),
            (options.ExpiredLeaseMaxAge, options.IdempotencyMaxAge, options.DeadLettersMaxAge, options.LaunchCountsMaxAge));
    }

    [Theory]
    [InlineData("23:59:00")]
    [InlineData("366.00:00:00")]
    public void Validate_LaunchCountsMaxAgeOutOfRange_FailsNamingTheSettingAndItsBounds(string maxAge)
    {
        var options = new RetentionOptions { LaunchCountsMaxAge = TimeSpan.Parse(maxAge, System.Globalization.CultureInfo.InvariantCulture) };

        var failure = Assert.Single(_validator.Validate(null, options).Failures!);

        Assert.StartsWith("Retention:LaunchCountsMaxAge must be between 1 day and 365 days", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:59:00", "30.00:00:00", "30.00:00:00", "Retention:ExpiredLeaseMaxAge must be between 1 hour and 30 days")]
    [InlineData("31.00:00:00", "30.00:00:00", "30.00:00:00", "Retention:ExpiredLeaseMaxAge must be between 1 hour and 30 days")]
    [InlineData("1.00:00:00", "14.00:00:00", "30.00:00:00", "Retention:IdempotencyMaxAge must be between 15 days and 365 days")]
    [InlineData("1.00:00:00", "366.00:00:00", "30.00:00:00", "Retention:IdempotencyMaxAge must be between 15 days and 365 days")]
    [InlineData("1.00:00:00", "30.00:00:00", "1.00:00:00", "Retention:DeadLettersMaxAge must be between 2 days and 365 days")]
    [InlineData("1.00:00:00", "30.00:00:00", "366.00:00:00", "Retention:DeadLettersMaxAge must be between 2 days and 365 days")]
    public void Validate_OperationalAgeOutOfRange_FailsNamingTheSettingAndItsBounds(string lease, string idempotency, string deadLetters, string expected)
    {
        var options = new RetentionOptions
        {
            ExpiredLeaseMaxAge = TimeSpan.Parse(lease, System.Globalization.CultureInfo.InvariantCulture),
            IdempotencyMaxAge = TimeSpan.Parse(idempotency, System.Globalization.CultureInfo.InvariantCulture),
            DeadLettersMaxAge = TimeSpan.Parse(deadLetters, System.Globalization.CultureInfo.InvariantCulture),
        };

        var failure = Assert.Single(_validator.Validate(null, options).Failures!);

        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00", "30.00:00:00", "01:00:00", "Retention:NotesMaxAge")]
    [InlineData("3651.00:00:00", "30.00:00:00", "01:00:00", "Retention:NotesMaxAge")]
    [InlineData("180.00:00:00", "-1.00:00:00", "01:00:00", "Retention:RemovedTeamGracePeriod")]
    [InlineData("180.00:00:00", "366.00:00:00", "01:00:00", "Retention:RemovedTeamGracePeriod")]
    [InlineData("180.00:00:00", "30.00:00:00", "00:00:30", "Retention:SweepInterval")]
    [InlineData("180.00:00:00", "30.00:00:00", "2.00:00:00", "Retention:SweepInterval")]
    public void Validate_OutOfRange_FailsNamingTheSettingAndItsBounds(string notesMaxAge, string grace, string interval, string key)
    {
        var options = new RetentionOptions
        {
            NotesMaxAge = TimeSpan.Parse(notesMaxAge, System.Globalization.CultureInfo.InvariantCulture),
            RemovedTeamGracePeriod = TimeSpan.Parse(grace, System.Globalization.CultureInfo.InvariantCulture),
            SweepInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture),
        };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith(key + " must be between ", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEachSetting()
    {
        var options = new RetentionOptions { NotesMaxAge = TimeSpan.Zero, RemovedTeamGracePeriod = TimeSpan.Zero, SweepInterval = TimeSpan.Zero };

        var result = _validator.Validate(null, options);

        Assert.Equal(
            ["Retention:NotesMaxAge must be between 1 day and 3650 days (it is 00:00:00).",
             "Retention:RemovedTeamGracePeriod must be between 1 day and 365 days (it is 00:00:00).",
             "Retention:SweepInterval must be between 1 minute and 1 day (it is 00:00:00)."],
            result.Failures);
    }
}
