using System.Text.Json.Nodes;
using TrustBot.Core.Messaging;
using TrustBot.Protocol.Activities;
using TrustBot.Protocol.Connector;

namespace TrustBot.Web.Bot;

/// <summary>Core's messaging port over the Bot Connector client.</summary>
internal sealed class ConnectorMessenger(ConnectorClient connector) : IBotMessenger
{
    public async Task<DeliveryResult> SendCardAsync(ConversationAddress address, JsonObject card, string summary, CancellationToken cancellationToken)
    {
        var response = await connector.SendToConversationAsync(address.ServiceUrl, address.ConversationId, CardActivity(card, summary), cancellationToken);
        return ToResult(response.Outcome, response.Value?.Id, response.StatusCode, response.ErrorCode);
    }

    public async Task<DeliveryResult> SendTextAsync(ConversationAddress address, string text, CancellationToken cancellationToken)
    {
        var activity = new Activity { Type = ActivityTypes.Message, Text = text, TextFormat = "markdown" };
        var response = await connector.SendToConversationAsync(address.ServiceUrl, address.ConversationId, activity, cancellationToken);
        return ToResult(response.Outcome, response.Value?.Id, response.StatusCode, response.ErrorCode);
    }

    public async Task<DeliveryResult> UpdateCardAsync(ConversationAddress address, string activityId, JsonObject card, string summary, CancellationToken cancellationToken)
    {
        var activity = CardActivity(card, summary);
        activity.Id = activityId;
        var response = await connector.UpdateActivityAsync(address.ServiceUrl, address.ConversationId, activityId, activity, cancellationToken);
        return ToResult(response.Outcome, activityId, response.StatusCode, response.ErrorCode);
    }

    private static Activity CardActivity(JsonObject card, string summary) => new()
    {
        Type = ActivityTypes.Message,
        Summary = summary,
        Attachments = [Attachment.AdaptiveCard(card)],
    };

    private static DeliveryResult ToResult(ConnectorOutcome outcome, string? activityId, int? status, string? errorCode) => new(
        outcome switch
        {
            ConnectorOutcome.Delivered => DeliveryOutcome.Delivered,
            ConnectorOutcome.RecipientGone => DeliveryOutcome.RecipientGone,
            ConnectorOutcome.Throttled => DeliveryOutcome.Throttled,
            _ => DeliveryOutcome.Failed,
        },
        activityId,
        outcome == ConnectorOutcome.Delivered ? null : $"{status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no response"} {errorCode}".Trim());
}
