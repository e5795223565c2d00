namespace TrustBot.Core.Scheduling;

/// <summary>
/// Local times when a leader must not be nudged: a nightly window [Start, End) that may cross midnight,
/// plus whole Saturdays and Sundays when <paramref name="Weekends"/> is set. Start == End means no nightly window.
/// </summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End, bool Weekends)
{
    /// <summary>18:00–08:00 local and weekends.</summary>
    public static QuietHours Default { get; } = new(new TimeOnly(18, 0), new TimeOnly(8, 0), Weekends: true);

    public bool Contains(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        if (Weekends && local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return true;
        }

        var time = TimeOnly.FromDateTime(local);
        if (Start == End)
        {
            return false;
        }

        return Start < End
            ? time >= Start && time < End
            : time >= Start || time < End;
    }
}
