using TrustBot.Core.Anonymity;
using TrustBot.Core.Cards;
using TrustBot.Core.Commands;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Core.Outages;
using TrustBot.Protocol.Activities;
using TrustBot.Protocol.Hosting;

using TrustBot.Web.Hosting;

namespace TrustBot.Web.Bot;

/// <summary>
/// The bot's single turn handler: keeps stored addresses fresh, then routes each activity to Core. When storage cannot
/// be reached, each kind of activity gets the most useful answer that needs no storage instead of a 500.
/// </summary>
/// <remarks>
/// A message is acknowledged once it is handled and its replies are stored in the outbox (<see cref="ReplyOutbox"/>):
/// the outbox worker posts them a moment later at Teams' pace, so a burst of messages never waits behind the pacer.
/// If they cannot be stored the request fails with 503, so Teams delivers the message again. Invoke responses (card
/// buttons) stay synchronous, and so do the two answers given without storage (outage, not ready), which could not be
/// queued anyway.
/// </remarks>
internal sealed class TrustBotActivityHandler(
    InstallationHandler installations,
    MessageHandler messages,
    MessageReplies replies,
    ReplyOutbox replyOutbox,
    CardActionRouter cardActions,
    IBotMessenger messenger,
    AnonymitySecretStatus secret,
    ILogger<TrustBotActivityHandler> logger) : IActivityHandler
{
    // Long enough for a blip to pass, short enough that an install waits little once storage is back.
    private static readonly TimeSpan InstallRetryAfter = TimeSpan.FromSeconds(10);

    // Short: a failed queue write is usually a blip, and the person is waiting for an answer.
    private static readonly TimeSpan ReplyRetryAfter = TimeSpan.FromSeconds(5);

    // A Key Vault reference usually resolves within minutes of the role assignment.
    private static readonly TimeSpan NotReadyRetryAfter = TimeSpan.FromSeconds(60);

    public async Task<InvokeResponse?> OnActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        var tenantId = activity.TenantId;
        if (string.IsNullOrEmpty(tenantId))
        {
            // Every Teams activity carries a tenant; without one there is nothing the bot could scope data to.
            BotLog.IgnoredWithoutTenant(logger, activity.Type);
            return activity.Type == ActivityTypes.Invoke ? InvokeResponse.Error(400, "BadRequest", "The activity has no tenant.") : null;
        }

        if (!secret.IsUsable)
        {
            return await AnswerNotReadyAsync(activity, cancellationToken);
        }

        try
        {
            if (ActivityMapper.InstallationKeyOf(activity) is { } key)
            {
                await installations.RefreshAddressAsync(tenantId, key, activity.ServiceUrl!, cancellationToken);
            }

            return await RouteAsync(activity, cancellationToken);
        }
        catch (StorageUnavailableException)
        {
            // The exception is not logged: the SDK failure inside it carries table keys in its request URI.
            return await AnswerWithoutStorageAsync(activity, cancellationToken);
        }
    }

    private async Task<InvokeResponse?> RouteAsync(Activity activity, CancellationToken cancellationToken)
    {
        switch (activity.Type)
        {
            case ActivityTypes.InstallationUpdate or ActivityTypes.ConversationUpdate:
                if (ActivityMapper.ToInstallationEvent(activity) is { } installation)
                {
                    await installations.HandleAsync(installation, cancellationToken);
                }

                return null;

            case ActivityTypes.Message when IsSubmittedCard(activity, out var submitted):
                // Action.Submit from an older client: the vote counts, but nothing is posted back into the
                // conversation, where a reply right after someone pressed a button could point at them.
                await cardActions.HandleAsync(submitted, cancellationToken);
                return null;

            case ActivityTypes.Message:
                if (ActivityMapper.ToIncomingMessage(activity) is { } message)
                {
                    await messages.HandleAsync(message, cancellationToken);
                    await QueueRepliesAsync(message, cancellationToken);
                }

                return null;

            case ActivityTypes.Invoke when activity.Name == InvokeNames.AdaptiveCardAction:
                return ActivityMapper.ToCardAction(activity) is { } action
                    ? InvokeResponse.AdaptiveCard(await cardActions.HandleAsync(action, cancellationToken))
                    : InvokeResponse.Error(400, "BadRequest", "This card action is not valid.");

            case ActivityTypes.Invoke:
                BotLog.UnsupportedInvoke(logger, activity.Name);
                return InvokeResponse.Error(400, "NotSupported", "TrustBot does not support this action.");

            default:
                // Unknown activity types and events are legal; accept and ignore them.
                return null;
        }
    }

    /// <summary>
    /// Stores the message's replies as one outbox send before the 200 goes back. A failure becomes a 503 with Retry-After
    /// rather than a 200 for an answer that exists nowhere: Teams delivers the message again and the command runs again,
    /// which every command tolerates (a second <c>checkin</c> finds the first one open and says so).
    /// </summary>
    private async Task QueueRepliesAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await replyOutbox.QueueAsync(message.ReplyTarget, replies.TakeAll(), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception is not logged: a storage failure carries the queue's URL.
            BotLog.RepliesNotQueued(logger, exception.GetType().Name);
            throw new RetryLaterException(ReplyRetryAfter, "The replies could not be queued; the channel should send this activity again.");
        }
    }

    /// <summary>
    /// Storage could not be reached (after the storage client's retries). Nothing the person sent is kept for later:
    /// what was not stored is gone, they are told so, and trying again is safe because every write is idempotent.
    /// </summary>
    private async Task<InvokeResponse?> AnswerWithoutStorageAsync(Activity activity, CancellationToken cancellationToken)
    {
        switch (activity.Type)
        {
            case ActivityTypes.Invoke when activity.Name == InvokeNames.AdaptiveCardAction && ActivityMapper.ToCardAction(activity) is { } action:
                // The card comes back to the person who pressed, saying nothing was saved, with a way to try again.
                BotLog.StorageUnavailable(logger, activity.Type, "card");
                return InvokeResponse.AdaptiveCard(cardActions.StorageUnavailableCard(action));

            case ActivityTypes.Invoke:
                BotLog.StorageUnavailable(logger, activity.Type, "error");
                return InvokeResponse.Error(503, "StorageUnavailable", StorageOutageViews.MessageReply);

            case ActivityTypes.InstallationUpdate or ActivityTypes.ConversationUpdate:
            case ActivityTypes.Message when IsSubmittedCard(activity, out _):
                // Nobody reads an answer to these, and a 200 would tell the channel the install (or an older client's
                // vote) was handled, so it would be lost. A 503 with Retry-After asks the channel to send it again;
                // repeating is safe, because installing is idempotent and a ballot counts once per person. An older
                // client's vote gets no reply either way: one in the channel could point at the voter.
                BotLog.StorageUnavailable(logger, activity.Type, "503");
                throw new RetryLaterException(InstallRetryAfter, "Storage is unavailable; the channel should send this activity again.");

            case ActivityTypes.Message when ActivityMapper.ToIncomingMessage(activity) is { } message:
                // The reply goes straight through the Connector, which needs no storage; the outbox is storage too, so
                // this one answer cannot be queued. Whatever the command had collected before the outage is dropped.
                _ = replies.TakeAll();
                BotLog.StorageUnavailable(logger, activity.Type, "reply");
                var result = await messenger.SendTextAsync(message.ReplyAddress, StorageOutageViews.MessageReply, cancellationToken);
                if (!result.IsDelivered)
                {
                    BotLog.OutageReplyNotDelivered(logger, result.Outcome);
                }

                return null;

            default:
                // Ignored activities whose only storage use was refreshing the stored address: the next activity does it.
                BotLog.StorageUnavailable(logger, activity.Type, "ignored");
                return null;
        }
    }

    /// <summary>
    /// The anonymity secret is not usable (typically a Key Vault reference App Service has not resolved yet). Nothing is
    /// stored and nothing is hashed: a ballot keyed with a placeholder would be open to anyone who can read the config.
    /// </summary>
    private async Task<InvokeResponse?> AnswerNotReadyAsync(Activity activity, CancellationToken cancellationToken)
    {
        switch (activity.Type)
        {
            case ActivityTypes.Invoke:
                BotLog.AnonymitySecretNotReady(logger, activity.Type, "message");
                return InvokeResponse.Message(NotReadyViews.Reply);

            case ActivityTypes.InstallationUpdate or ActivityTypes.ConversationUpdate:
            case ActivityTypes.Message when IsSubmittedCard(activity, out _):
                // As in an outage: the channel must send these again, once the secret is in place.
                BotLog.AnonymitySecretNotReady(logger, activity.Type, "503");
                throw new RetryLaterException(NotReadyRetryAfter, "The anonymity secret is not configured; the channel should send this activity again.");

            case ActivityTypes.Message when ActivityMapper.ToIncomingMessage(activity) is { } message:
                // Straight through the Connector: nothing is stored while the secret is unusable, queued replies included.
                BotLog.AnonymitySecretNotReady(logger, activity.Type, "reply");
                await messenger.SendTextAsync(message.ReplyAddress, NotReadyViews.Reply, cancellationToken);
                return null;

            default:
                BotLog.AnonymitySecretNotReady(logger, activity.Type, "ignored");
                return null;
        }
    }

    private static bool IsSubmittedCard(Activity activity, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CardAction? action)
    {
        action = string.IsNullOrWhiteSpace(activity.Text) ? ActivityMapper.ToCardAction(activity) : null;
        return action is not null;
    }
}
