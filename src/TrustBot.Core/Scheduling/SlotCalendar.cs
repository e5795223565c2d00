namespace TrustBot.Core.Scheduling;

/// <summary>Pure calendar arithmetic for weekly slots and quiet hours; the caller supplies "now".</summary>
public static class SlotCalendar
{
    /// <summary>
    /// The first instant strictly after <paramref name="after"/> on the slot's weekday at its local time.
    /// With <paramref name="anchor"/> (the first occurrence) only every IntervalWeeks-th week counts, and
    /// nothing before the anchor's week. A time inside a spring-forward gap moves forward by the gap's
    /// length; an ambiguous fall-back time takes its first occurrence.
    /// </summary>
    public static DateTimeOffset NextOccurrence(WeeklySlot slot, DateTimeOffset after, DateTimeOffset? anchor = null)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentOutOfRangeException.ThrowIfLessThan(slot.IntervalWeeks, 1);

        var zone = TimeZones.Resolve(slot.TimeZoneId, teamZone: null);
        var interval = anchor is null ? 1 : slot.IntervalWeeks;
        var firstDate = anchor is { } a ? AlignToDay(LocalTime.DateIn(a, zone), slot.Day) : (DateOnly?)null;

        // Start a day early: a zone ahead of UTC can put the wanted local time before `after`'s local date.
        var date = LocalTime.DateIn(after, zone).AddDays(-1);
        if (firstDate is { } first && first > date)
        {
            date = first;
        }

        date = AlignToDay(date, slot.Day);
        for (var guard = 0; guard < interval + 3; guard++, date = date.AddDays(7))
        {
            if (firstDate is { } origin && (date.DayNumber - origin.DayNumber) / 7 % interval != 0)
            {
                continue;
            }

            var candidate = LocalTime.ToInstant(date, slot.Time, zone);
            if (candidate > after)
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("No occurrence found; the loop bound covers a full interval.");
    }

    /// <summary>The candidate when it is outside quiet hours, else the first instant after it when they end.</summary>
    public static DateTimeOffset OutsideQuietHours(DateTimeOffset candidate, TimeZoneInfo zone, QuietHours quiet)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(quiet);
        if (!quiet.Contains(candidate, zone))
        {
            return candidate;
        }

        // Quiet hours can only end at a nightly End or at the midnight that closes a weekend.
        var date = LocalTime.DateIn(candidate, zone);
        for (var day = 0; day <= 8; day++, date = date.AddDays(1))
        {
            foreach (var time in new[] { TimeOnly.MinValue, quiet.End }.Order())
            {
                var end = LocalTime.ToInstant(date, time, zone);
                if (end > candidate && !quiet.Contains(end, zone))
                {
                    return end;
                }
            }
        }

        // Unreachable for any window that leaves some time free; never drop the send.
        return candidate;
    }

    private static DateOnly AlignToDay(DateOnly date, DayOfWeek day) =>
        date.AddDays(((int)day - (int)date.DayOfWeek + 7) % 7);
}
