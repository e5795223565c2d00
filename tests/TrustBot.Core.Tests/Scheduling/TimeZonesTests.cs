using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Tests.Scheduling;

public sealed class TimeZonesTests
{
    [Theory]
    [InlineData("Europe/Berlin", 60)]
    [InlineData("America/New_York", -300)]
    [InlineData("Australia/Sydney", 600)]
    [InlineData("Asia/Kolkata", 330)]
    [InlineData("UTC", 0)]
    public void Resolve_KnownIanaClientZone_ReturnsThatZone(string id, int baseOffsetMinutes)
    {
        var zone = TimeZones.Resolve(id, "Asia/Tokyo");

        Assert.Equal(TimeSpan.FromMinutes(baseOffsetMinutes), zone.BaseUtcOffset);
    }

    [Fact]
    public void Resolve_NoClientZone_UsesTeamZone()
    {
        var zone = TimeZones.Resolve(null, "Asia/Kolkata");

        Assert.Equal(TimeSpan.FromMinutes(330), zone.BaseUtcOffset);
    }

    [Fact]
    public void Resolve_UnknownClientZone_FallsBackToTeamZone()
    {
        var zone = TimeZones.Resolve("Mars/Olympus_Mons", "America/New_York");

        Assert.Equal(TimeSpan.FromHours(-5), zone.BaseUtcOffset);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "   ")]
    [InlineData("Mars/Olympus_Mons", "Not a zone at all")]
    [InlineData("../../etc/passwd", null)]
    public void Resolve_NothingUsable_ReturnsUtc(string? client, string? team)
    {
        var zone = TimeZones.Resolve(client, team);

        Assert.Same(TimeZoneInfo.Utc, zone);
    }

    [Fact]
    public void Resolve_WindowsId_IsConverted()
    {
        var zone = TimeZones.Resolve("W. Europe Standard Time", null);

        Assert.Equal(TimeSpan.FromHours(1), zone.BaseUtcOffset);
        Assert.True(zone.SupportsDaylightSavingTime);
    }
}
