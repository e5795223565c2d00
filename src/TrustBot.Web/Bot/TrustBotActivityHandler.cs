using TrustBot.Core.Commands;
using TrustBot.Core.Installations;
using TrustBot.Protocol.Activities;
using TrustBot.Protocol.Hosting;

using TrustBot.Web.Hosting;

namespace TrustBot.Web.Bot;

/// <summary>The bot's single turn handler: keeps stored addresses fresh, then routes each activity to Core.</summary>
internal sealed class TrustBotActivityHandler(
    InstallationHandler installations,
    MessageHandler messages,
    CardActionRouter cardActions,
    ILogger<TrustBotActivityHandler> logger) : IActivityHandler
{
    public async Task<InvokeResponse?> OnActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        var tenantId = activity.TenantId;
        if (string.IsNullOrEmpty(tenantId))
        {
            // Every Teams activity carries a tenant; without one there is nothing the bot could scope data to.
            WebLog.IgnoredWithoutTenant(logger, activity.Type);
            return activity.Type == ActivityTypes.Invoke ? InvokeResponse.Error(400, "BadRequest", "The activity has no tenant.") : null;
        }

        if (ActivityMapper.InstallationKeyOf(activity) is { } key)
        {
            await installations.RefreshAddressAsync(tenantId, key, activity.ServiceUrl!, cancellationToken);
        }

        switch (activity.Type)
        {
            case ActivityTypes.InstallationUpdate or ActivityTypes.ConversationUpdate:
                if (ActivityMapper.ToInstallationEvent(activity) is { } installation)
                {
                    await installations.HandleAsync(installation, cancellationToken);
                }

                return null;

            case ActivityTypes.Message when string.IsNullOrWhiteSpace(activity.Text) && ActivityMapper.ToCardAction(activity) is { } submitted:
                // Action.Submit from an older client: the vote counts, but nothing is posted back into the
                // conversation, where a reply right after someone pressed a button could point at them.
                await cardActions.HandleAsync(submitted, cancellationToken);
                return null;

            case ActivityTypes.Message:
                if (ActivityMapper.ToIncomingMessage(activity) is { } message)
                {
                    await messages.HandleAsync(message, cancellationToken);
                }

                return null;

            case ActivityTypes.Invoke when activity.Name == InvokeNames.AdaptiveCardAction:
                return ActivityMapper.ToCardAction(activity) is { } action
                    ? InvokeResponse.AdaptiveCard(await cardActions.HandleAsync(action, cancellationToken))
                    : InvokeResponse.Error(400, "BadRequest", "This card action is not valid.");

            case ActivityTypes.Invoke:
                WebLog.UnsupportedInvoke(logger, activity.Name);
                return InvokeResponse.Error(400, "NotSupported", "TrustBot does not support this action.");

            default:
                // Unknown activity types and events are legal; accept and ignore them.
                return null;
        }
    }
}
