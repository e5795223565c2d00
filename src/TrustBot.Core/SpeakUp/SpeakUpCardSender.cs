using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using TrustBot.Core.Delivery;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.SpeakUp;

/// <summary>
/// Turns a closed speak-up prompt's card into its closed view, as an outbox send queued by
/// <see cref="SpeakUpCloseJob"/>. A card left open only keeps its text box, which the action handler answers with the
/// closed view, so a failure here costs nothing that matters: the salt is already gone.
/// </summary>
public sealed class SpeakUpCardSender(ISpeakUpStore store, IBotMessenger messenger, ILogger<SpeakUpCardSender> logger) : IOutboundHandler
{
    /// <summary>The outbox send kind.</summary>
    public const string SendKind = "speakup-card";

    private const string SessionKey = "sessionId";

    public string Kind => SendKind;

    /// <summary>
    /// The closed view of <paramref name="session"/>'s card. Its idempotency key names the prompt, so it is made once
    /// whoever closes it, and names tenant and team, so erasing the team finds it.
    /// </summary>
    public static OutboundSend ClosedView(SpeakUpSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var key = $"{SendKind}:{session.TenantId}:{session.InstallationKey}:{session.SessionId}:closed";
        var payload = new JsonObject { [SessionKey] = session.SessionId };
        return new OutboundSend(key, SendKind, session.TenantId, session.InstallationKey, RecipientId: null, payload.ToJsonString());
    }

    public async Task<DeliveryResult> SendAsync(OutboundSend send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        var sessionId = ReadSessionId(send.PayloadJson);
        var session = sessionId is null ? null : await store.GetSessionAsync(send.TenantId, sessionId, cancellationToken);
        if (session?.ActivityId is null)
        {
            // Nothing to update: the card was never posted, or the prompt was erased with its team.
            return new DeliveryResult(DeliveryOutcome.Delivered);
        }

        var card = SpeakUpCard.Closed(session, PromptLibrary.Default.Find(session.PromptId));
        var address = new ConversationAddress(session.TenantId, session.ServiceUrl, session.ConversationId);
        var result = await messenger.UpdateCardAsync(address, session.ActivityId, card, SpeakUpCard.Summary, cancellationToken);
        if (!result.IsDelivered)
        {
            SpeakUpLog.SpeakUpCardNotUpdated(logger, result.Outcome);
        }

        return result;
    }

    private static string? ReadSessionId(string payloadJson)
    {
        try
        {
            var id = (JsonNode.Parse(payloadJson) as JsonObject)?[SessionKey]?.GetValue<string>();
            return string.IsNullOrEmpty(id) ? null : id;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
