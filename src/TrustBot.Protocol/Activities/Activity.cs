using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrustBot.Protocol.Activities;

/// <summary>
/// A Bot Framework activity as it travels on the wire. Only the fields a Teams bot uses are modelled;
/// every other member is kept in <see cref="ExtensionData"/> so an activity survives a round trip unchanged.
/// </summary>
public sealed class Activity
{
    /// <summary>The activity type, one of <see cref="ActivityTypes"/>; unknown types are legal and ignored.</summary>
    public string? Type { get; set; }

    /// <summary>The channel-assigned id; the <c>activityId</c> for replies and updates.</summary>
    public string? Id { get; set; }

    /// <summary>When the channel recorded the activity (UTC).</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The client's local clock, when the channel sends it.</summary>
    public DateTimeOffset? LocalTimestamp { get; set; }

    /// <summary>The client's IANA time zone, when the channel sends it.</summary>
    public string? LocalTimezone { get; set; }

    /// <summary>The base URL of the Connector for this conversation; store it and refresh it from every verified activity.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The channel, <c>msteams</c> for Teams; checked against the signing key's endorsements.</summary>
    public string? ChannelId { get; set; }

    /// <summary>The sender.</summary>
    public ChannelAccount? From { get; set; }

    /// <summary>The receiver (the bot, on inbound activities).</summary>
    public ChannelAccount? Recipient { get; set; }

    /// <summary>The conversation the activity belongs to.</summary>
    public ConversationAccount? Conversation { get; set; }

    /// <summary>The id of the activity this one answers; on card actions, the message holding the card.</summary>
    public string? ReplyToId { get; set; }

    /// <summary>Message text; in channels it contains the <c>&lt;at&gt;</c> mention of the bot.</summary>
    public string? Text { get; set; }

    /// <summary><c>plain</c>, <c>markdown</c> or <c>xml</c>.</summary>
    public string? TextFormat { get; set; }

    /// <summary>Short text shown where a card cannot be (notifications, older clients).</summary>
    public string? Summary { get; set; }

    /// <summary>The sender's locale (BCP-47).</summary>
    public string? Locale { get; set; }

    /// <summary>Attachments, for example Adaptive Cards.</summary>
    public IList<Attachment>? Attachments { get; set; }

    /// <summary><c>list</c> or <c>carousel</c>.</summary>
    public string? AttachmentLayout { get; set; }

    /// <summary>Entities such as mentions and client info.</summary>
    public IList<Entity>? Entities { get; set; }

    /// <summary>The Action.Submit payload on messages, or the invoke payload on invokes.</summary>
    public JsonElement? Value { get; set; }

    /// <summary>The invoke or event name, for example <see cref="InvokeNames.AdaptiveCardAction"/>.</summary>
    public string? Name { get; set; }

    /// <summary>Teams-specific data: tenant, team, channel, event type.</summary>
    public TeamsChannelData? ChannelData { get; set; }

    /// <summary>Members added, on <see cref="ActivityTypes.ConversationUpdate"/>.</summary>
    public IList<ChannelAccount>? MembersAdded { get; set; }

    /// <summary>Members removed, on <see cref="ActivityTypes.ConversationUpdate"/>.</summary>
    public IList<ChannelAccount>? MembersRemoved { get; set; }

    /// <summary>On <see cref="ActivityTypes.InstallationUpdate"/>: one of <see cref="InstallationUpdateActions"/>.</summary>
    public string? Action { get; set; }

    /// <summary>Every member this model does not name, kept so that nothing is lost on a round trip.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>The tenant, from <c>channelData.tenant.id</c> or else <c>conversation.tenantId</c>.</summary>
    [JsonIgnore]
    public string? TenantId => ChannelData?.Tenant?.Id ?? Conversation?.TenantId;

    /// <summary>Builds the reference needed to message this conversation later.</summary>
    public ConversationReference GetConversationReference() => new()
    {
        ActivityId = Id,
        User = From,
        Bot = Recipient,
        Conversation = Conversation,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Locale = Locale,
    };
}
