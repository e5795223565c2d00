using System.ComponentModel.DataAnnotations;

namespace TrustBot.Core.CheckIns;

/// <summary>Check-in settings (section <c>CheckIns</c>).</summary>
public sealed class CheckInOptions
{
    public const string SectionName = "CheckIns";

    /// <summary>How long a check-in takes answers.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Statements per check-in (1–3); the rotation covers all of them within a few check-ins.</summary>
    [Range(1, 3)]
    public int StatementsPerCheckIn { get; set; } = 3;

    /// <summary>
    /// How long an open check-in and its salt may be served from memory on the vote path (never past its closing
    /// time); zero turns the cache off.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one tally read may be shared by the views of several voters; zero reads it for every view.</summary>
    public TimeSpan TallyCacheDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often one instance looks for open check-ins past their close that have no close entry in the timetable
    /// (<see cref="CheckInCloseSweepJob"/>); each check-in's own entry closes it on time.
    /// </summary>
    public TimeSpan CloseInterval { get; set; } = TimeSpan.FromMinutes(1);
}
