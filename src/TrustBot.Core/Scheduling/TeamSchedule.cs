namespace TrustBot.Core.Scheduling;

/// <summary>
/// When a team's scheduled work happens: the check-in every <paramref name="CadenceWeeks"/> weeks on
/// <paramref name="Day"/> at <paramref name="Time"/> in <paramref name="TimeZoneId"/> (the installer's zone, else UTC),
/// a speak-up prompt every <paramref name="SpeakUpEveryWeeks"/> weeks (0 turns it off), nothing before
/// <paramref name="PausedUntil"/>.
/// </summary>
public sealed record TeamSchedule(
    DayOfWeek Day,
    TimeOnly Time,
    string? TimeZoneId,
    int CadenceWeeks = 1,
    int SpeakUpEveryWeeks = 2,
    DateOnly? PausedUntil = null)
{
    /// <summary>Weekly on Tuesday at 10:00, speak-up every other week.</summary>
    public static TeamSchedule Default(string? timeZoneId) => new(DayOfWeek.Tuesday, new TimeOnly(10, 0), timeZoneId);

    /// <summary>When the pause ends: the start of <see cref="PausedUntil"/> in the team's zone; null when not paused.</summary>
    public DateTimeOffset? ResumesAt =>
        PausedUntil is { } until ? LocalTime.ToInstant(until, TimeOnly.MinValue, TimeZones.Resolve(TimeZoneId, null)) : null;

    /// <summary>Whether the pause covers <paramref name="instant"/>.</summary>
    public bool IsPausedAt(DateTimeOffset instant) => ResumesAt is { } resume && instant < resume;

    /// <summary>The check-in slot.</summary>
    public WeeklySlot CheckInSlot => new(Day, Time, TimeZones.Resolve(TimeZoneId, null).Id, Math.Max(1, CadenceWeeks));
}
