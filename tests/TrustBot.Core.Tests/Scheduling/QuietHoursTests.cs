using TrustBot.Core.Scheduling;
using static TrustBot.Core.Tests.Scheduling.Instants;

namespace TrustBot.Core.Tests.Scheduling;

public sealed class QuietHoursTests
{
    private static readonly TimeZoneInfo Berlin = Zone("Europe/Berlin");

    [Theory]
    [InlineData("2026-11-25T17:59:00+01:00", false)]
    [InlineData("2026-11-25T18:00:00+01:00", true)]
    [InlineData("2026-11-25T23:30:00+01:00", true)]
    [InlineData("2026-11-26T02:00:00+01:00", true)]
    [InlineData("2026-11-26T07:59:00+01:00", true)]
    [InlineData("2026-11-26T08:00:00+01:00", false)]
    [InlineData("2026-11-26T12:00:00+01:00", false)]
    [InlineData("2026-11-28T12:00:00+01:00", true)]
    [InlineData("2026-11-29T12:00:00+01:00", true)]
    public void Contains_DefaultWindowCrossingMidnight_MatchesLocalClock(string instant, bool expected)
    {
        Assert.Equal(expected, QuietHours.Default.Contains(At(instant), Berlin));
    }

    [Fact]
    public void Contains_UtcInstant_IsJudgedInTheZonesLocalTime()
    {
        // 17:30 UTC is 18:30 in Berlin (quiet) but 12:30 in New York (not quiet).
        var instant = At("2026-11-25T17:30:00Z");

        Assert.True(QuietHours.Default.Contains(instant, Berlin));
        Assert.False(QuietHours.Default.Contains(instant, Zone("America/New_York")));
    }

    [Fact]
    public void Contains_WindowWithinOneDay_AndNoWeekends_OnlyCoversTheWindow()
    {
        var lunch = new QuietHours(new TimeOnly(12, 0), new TimeOnly(13, 0), Weekends: false);

        Assert.True(lunch.Contains(At("2026-11-28T12:30:00+01:00"), Berlin));
        Assert.False(lunch.Contains(At("2026-11-28T13:00:00+01:00"), Berlin));
        Assert.False(lunch.Contains(At("2026-11-28T09:00:00+01:00"), Berlin));
    }

    [Fact]
    public void Contains_StartEqualsEnd_HasNoNightlyWindow()
    {
        var weekendsOnly = new QuietHours(new TimeOnly(0, 0), new TimeOnly(0, 0), Weekends: true);

        Assert.False(weekendsOnly.Contains(At("2026-11-25T03:00:00+01:00"), Berlin));
        Assert.True(weekendsOnly.Contains(At("2026-11-28T03:00:00+01:00"), Berlin));
    }
}
