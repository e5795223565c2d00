using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using TrustBot.Core.Messaging;
using TrustBot.Protocol.Activities;
using TrustBot.Protocol.Connector;

namespace TrustBot.Web.Bot;

/// <summary>
/// Core's messaging port over the Bot Connector client. A post or update that failed finally (see
/// <see cref="ConnectorResponse.IsFinalFailure"/>) is marked <see cref="DeliveryResult.Final"/>, so the outbox does not
/// repeat what the Connector pipeline chose not to retry. Opening a 1:1 chat is not marked: Teams answers a repeated
/// open with the same chat, so a later try cannot post anything twice. Every call names its tenant, whose app-wide
/// rate limit it counts against.
/// </summary>
internal sealed class ConnectorMessenger(ConnectorClient connector) : IBotMessenger
{
    // The largest page Teams serves; fewer round trips against the members rate limit.
    private const int MembersPageSize = 500;

    public async Task<DeliveryResult> SendCardAsync(ConversationAddress address, JsonObject card, string summary, CancellationToken cancellationToken)
    {
        var response = await connector.SendToConversationAsync(address.ServiceUrl, address.TenantId, address.ConversationId, CardActivity(card, summary), cancellationToken);
        return ToResult(response.Outcome, response.Value?.Id, response.StatusCode, response.ErrorCode) with { Final = response.IsFinalFailure };
    }

    public async Task<DeliveryResult> SendTextAsync(ConversationAddress address, string text, CancellationToken cancellationToken)
    {
        var activity = new Activity { Type = ActivityTypes.Message, Text = text, TextFormat = "markdown" };
        var response = await connector.SendToConversationAsync(address.ServiceUrl, address.TenantId, address.ConversationId, activity, cancellationToken);
        return ToResult(response.Outcome, response.Value?.Id, response.StatusCode, response.ErrorCode) with { Final = response.IsFinalFailure };
    }

    public async Task<DeliveryResult> UpdateCardAsync(ConversationAddress address, string activityId, JsonObject card, string summary, CancellationToken cancellationToken)
    {
        var activity = CardActivity(card, summary);
        activity.Id = activityId;
        var response = await connector.UpdateActivityAsync(address.ServiceUrl, address.TenantId, address.ConversationId, activityId, activity, cancellationToken);
        return ToResult(response.Outcome, activityId, response.StatusCode, response.ErrorCode) with { Final = response.IsFinalFailure };
    }

    public async Task<OpenedChat> OpenPersonalChatAsync(string tenantId, string serviceUrl, string botId, string userId, CancellationToken cancellationToken)
    {
        var response = await connector.CreatePersonalConversationAsync(serviceUrl, tenantId, botId, userId, cancellationToken);
        var result = ToResult(response.Outcome, null, response.StatusCode, response.ErrorCode);
        return response.Value?.Id is { Length: > 0 } conversationId && result.IsDelivered
            ? new OpenedChat(DeliveryOutcome.Delivered, new ConversationAddress(tenantId, serviceUrl, conversationId, botId))
            : new OpenedChat(result.IsDelivered ? DeliveryOutcome.Failed : result.Outcome, null, result.Detail ?? "no conversation id");
    }

    public async IAsyncEnumerable<TeamMember> ListMembersAsync(
        string tenantId, string serviceUrl, string conversationId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var page = await connector.GetPagedMembersAsync(serviceUrl, tenantId, conversationId, MembersPageSize, continuation, cancellationToken);
            if (page.Outcome != ConnectorOutcome.Delivered || page.Value is null)
            {
                throw new InvalidOperationException($"The roster could not be read ({page.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no response"} {page.ErrorCode}).");
            }

            foreach (var member in page.Value.Members)
            {
                if (!string.IsNullOrEmpty(member.Id))
                {
                    yield return new TeamMember(member.Id, member.AadObjectId, member.Name);
                }
            }

            continuation = page.Value.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuation));
    }

    public async Task<IReadOnlyList<TeamChannel>> ListChannelsAsync(string tenantId, string serviceUrl, string teamId, CancellationToken cancellationToken)
    {
        var response = await connector.GetTeamChannelsAsync(serviceUrl, tenantId, teamId, cancellationToken);
        if (response.Outcome != ConnectorOutcome.Delivered || response.Value is null)
        {
            throw new InvalidOperationException($"The team's channels could not be read ({response.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no response"} {response.ErrorCode}).");
        }

        return [.. response.Value.Conversations
            .Where(channel => !string.IsNullOrEmpty(channel.Id))
            .Select(channel => new TeamChannel(channel.Id!, channel.Name))];
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
