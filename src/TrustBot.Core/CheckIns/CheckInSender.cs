using Microsoft.Extensions.Logging;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.CheckIns;

/// <summary>Sends a scheduled check-in: launches it in the team's channel and plans its one reminder.</summary>
public sealed class CheckInSender(
    IInstallationStore installations,
    CheckInLauncher launcher,
    ITimetable timetable,
    ILogger<CheckInSender> logger) : IOutboundHandler
{
    public string Kind => OutboundKinds.CheckIn;

    public async Task<DeliveryResult> SendAsync(OutboundSend send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        var installation = await installations.GetAsync(send.TenantId, send.InstallationKey, cancellationToken);
        if (installation is not { IsActiveTeam: true })
        {
            // Nothing is left to do for a team that removed the app since the occurrence was planned.
            CheckInsLog.TeamGone(logger, Kind);
            return new DeliveryResult(DeliveryOutcome.Delivered);
        }

        // While the team's last check-in is still open this occurrence is skipped (settled, never retried): a team
        // has one open check-in at a time, and the next occurrence comes at the team's slot as usual.
        var launched = await launcher.LaunchWithResultAsync(installation, cancellationToken);
        if (launched.Delivery.Outcome == DeliveryOutcome.RecipientGone)
        {
            CheckInsLog.ChannelUnreachable(logger, Kind);
        }

        if (launched.Item is { } checkIn)
        {
            await PlanReminderAsync(installation, checkIn, cancellationToken);
        }

        return launched.Delivery;
    }

    private async Task PlanReminderAsync(Installation installation, CheckIn checkIn, CancellationToken cancellationToken)
    {
        var at = TeamTimetable.ReminderAt(checkIn.OpensAt, checkIn.ClosesAt, installation.EffectiveSchedule.TimeZoneId, QuietHours.Default);
        if (at is not { } dueAt)
        {
            return;
        }

        try
        {
            var job = JobNames.For(JobNames.Reminder, checkIn.CheckInId);
            await timetable.SetAsync(new TimetableEntry(checkIn.TenantId, checkIn.InstallationKey, job, dueAt), cancellationToken);
            CheckInsLog.ReminderPlanned(logger, dueAt);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The check-in is posted: failing the send now would post it a second time, which is worse than no reminder.
            CheckInsLog.ReminderNotPlanned(logger, exception);
        }
    }
}
