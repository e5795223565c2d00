namespace TrustBot.Core.Scheduling;

/// <summary>
/// Where the timetable keeps work of the whole service rather than of one team (the retention sweep, the closing
/// safety nets): a reserved tenant and installation key. Every timetable key starts with a tenant id, and <c>|</c> is
/// refused in every tenant id Teams sends (see <c>ActivityLimits.ForbiddenIdCharacters</c>), so no real tenant's rows
/// share this partition and no team's erasure or listing ever reaches it.
/// </summary>
public static class ServiceWide
{
    /// <summary>The reserved tenant id of service-wide entries.</summary>
    public const string TenantId = "|service";

    /// <summary>The reserved installation key of service-wide entries.</summary>
    public const string InstallationKey = "|service";

    /// <summary>The service-wide entry of the job <paramref name="kind"/>, due at <paramref name="dueAt"/>.</summary>
    public static TimetableEntry Entry(string kind, DateTimeOffset dueAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        return new TimetableEntry(TenantId, InstallationKey, kind, dueAt);
    }

    /// <summary>Whether <paramref name="entry"/> is a service-wide one.</summary>
    public static bool Holds(TimetableEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return string.Equals(entry.TenantId, TenantId, StringComparison.Ordinal)
            && string.Equals(entry.InstallationKey, InstallationKey, StringComparison.Ordinal);
    }
}
