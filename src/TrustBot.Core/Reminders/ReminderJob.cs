using System.Text.Json.Nodes;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Delivery;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Reminders;

/// <summary>
/// Plans the once-only reminder of one check-in (the job's subject): a single send for the whole team, which the
/// <see cref="ReminderSender"/> fans out privately. Never due again.
/// </summary>
public sealed class ReminderJob(ICheckInStore checkIns, TimeProvider timeProvider) : IScheduledJob
{
    /// <summary>The payload key of the check-in id.</summary>
    public const string CheckInIdKey = "checkInId";

    public string Kind => JobNames.Reminder;

    public async Task<JobRun> RunAsync(TimetableEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (string.IsNullOrEmpty(entry.Subject))
        {
            return new JobRun([], null);
        }

        var checkIn = await checkIns.GetAsync(entry.TenantId, entry.Subject, cancellationToken);
        if (checkIn is null
            || !checkIn.IsOpenAt(timeProvider.GetUtcNow())
            || !string.Equals(checkIn.InstallationKey, entry.InstallationKey, StringComparison.Ordinal))
        {
            return new JobRun([], null);
        }

        var send = new OutboundSend(
            "reminder:" + entry.OccurrenceKey,
            OutboundKinds.Reminder,
            entry.TenantId,
            entry.InstallationKey,
            null,
            new JsonObject { [CheckInIdKey] = checkIn.CheckInId }.ToJsonString());
        return new JobRun([send], null);
    }
}
