namespace TrustBot.Core.Scheduling;

/// <summary>Maps a wall-clock time in a zone to one instant, settling the DST edge cases the same way everywhere.</summary>
internal static class LocalTime
{
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);

        if (zone.IsInvalidTime(local))
        {
            // Reading the missing time with the offset in force before the gap lands the same
            // distance past the gap's end: 02:30 in a 02:00→03:00 jump becomes 03:30.
            var before = zone.GetUtcOffset(local.AddDays(-1));
            return TimeZoneInfo.ConvertTime(new DateTimeOffset(local - before, TimeSpan.Zero), zone);
        }

        if (zone.IsAmbiguousTime(local))
        {
            // The first occurrence is the one still on the larger (daylight) offset.
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            return new DateTimeOffset(local, offsets.Max());
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static DateOnly DateIn(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
