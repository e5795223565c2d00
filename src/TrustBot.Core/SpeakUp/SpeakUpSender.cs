using Microsoft.Extensions.Logging;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.SpeakUp;

/// <summary>Sends a scheduled speak-up prompt into the team's channel.</summary>
public sealed class SpeakUpSender(
    IInstallationStore installations,
    SpeakUpLauncher launcher,
    ILogger<SpeakUpSender> logger) : IOutboundHandler
{
    public string Kind => OutboundKinds.SpeakUp;

    public async Task<DeliveryResult> SendAsync(OutboundSend send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        var installation = await installations.GetAsync(send.TenantId, send.InstallationKey, cancellationToken);
        if (installation is not { IsActiveTeam: true })
        {
            SpeakUpLog.TeamGone(logger, Kind);
            return new DeliveryResult(DeliveryOutcome.Delivered);
        }

        var launched = await launcher.LaunchWithResultAsync(installation, cancellationToken);
        if (launched.Delivery.Outcome == DeliveryOutcome.RecipientGone)
        {
            SpeakUpLog.ChannelUnreachable(logger, Kind);
        }

        return launched.Delivery;
    }
}
