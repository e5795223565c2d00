using System.Globalization;

namespace TrustBot.Core.Scheduling;

/// <summary>Instants as a person reads them in plain text: the wall-clock time in one zone, and that zone's name.</summary>
public static class ZonedTime
{
    /// <summary>"Thu 3 Dec 10:00", in <paramref name="zone"/>.</summary>
    public static string DayAndTime(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TimeZoneInfo.ConvertTime(instant, zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>"Thu 3 Dec 10:00 (Europe/Berlin)": a text that names no zone would be read in the reader's own.</summary>
    public static string WithZone(DateTimeOffset instant, TimeZoneInfo zone) => $"{DayAndTime(instant, zone)} ({ZoneName(zone)})";

    /// <summary>The IANA name when there is one, as people type it in the settings card.</summary>
    public static string ZoneName(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.HasIanaId || !TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? zone.Id : iana;
    }
}
