using System.Globalization;
using static TrustBot.Protocol.Activities.ActivityLimits;

namespace TrustBot.Protocol.Activities;

/// <summary>
/// Checks every field the bot reads from an inbound activity against <see cref="ActivityLimits"/>, once, before the
/// turn. Absent (null) fields and null array items are allowed, because handlers treat them as missing; a present value
/// out of bounds refuses the whole activity, so that nothing downstream stores, sends or parses it.
/// </summary>
public static partial class ActivityValidator
{
    /// <summary>The first field out of bounds, or null when the activity may be handled.</summary>
    public static ActivityViolation? Validate(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return Keyword("type", activity.Type)
            ?? Id("id", activity.Id)
            ?? ServiceUrl("serviceUrl", activity.ServiceUrl)
            ?? Keyword("channelId", activity.ChannelId)
            ?? Account("from", activity.From)
            ?? Account("recipient", activity.Recipient)
            ?? Conversation("conversation", activity.Conversation)
            ?? Id("replyToId", activity.ReplyToId)
            ?? Text("text", activity.Text, MaxTextLength)
            ?? Keyword("textFormat", activity.TextFormat)
            ?? Token("locale", activity.Locale, MaxLocaleLength)
            ?? Token("localTimezone", activity.LocalTimezone, MaxTimeZoneLength)
            ?? Keyword("name", activity.Name)
            ?? Keyword("action", activity.Action)
            ?? Entities("entities", activity.Entities)
            ?? Members("membersAdded", activity.MembersAdded)
            ?? Members("membersRemoved", activity.MembersRemoved)
            ?? ChannelData("channelData", activity.ChannelData)
            ?? Value("value", activity.Value);
    }

    private static ActivityViolation? Account(string field, ChannelAccount? account) =>
        account is null
            ? null
            : Id(field + ".id", account.Id)
                ?? DirectoryId(field + ".aadObjectId", account.AadObjectId)
                ?? Name(field + ".name", account.Name)
                ?? Keyword(field + ".role", account.Role);

    private static ActivityViolation? Conversation(string field, ConversationAccount? conversation) =>
        conversation is null
            ? null
            : Id(field + ".id", conversation.Id)
                ?? DirectoryId(field + ".tenantId", conversation.TenantId)
                ?? Name(field + ".name", conversation.Name)
                ?? Keyword(field + ".conversationType", conversation.ConversationType);

    private static ActivityViolation? ChannelData(string field, TeamsChannelData? data) =>
        data is null
            ? null
            : DirectoryId(field + ".tenant.id", data.Tenant?.Id)
                ?? Id(field + ".team.id", data.Team?.Id)
                ?? Name(field + ".team.name", data.Team?.Name)
                ?? DirectoryId(field + ".team.aadGroupId", data.Team?.AadGroupId)
                ?? Channel(field + ".channel", data.Channel)
                ?? Keyword(field + ".eventType", data.EventType)
                ?? Channel(field + ".settings.selectedChannel", data.Settings?.SelectedChannel);

    private static ActivityViolation? Channel(string field, ChannelInfo? channel) =>
        channel is null ? null : Id(field + ".id", channel.Id) ?? Name(field + ".name", channel.Name);

    private static ActivityViolation? Entities(string field, IList<Entity>? entities) =>
        Items(field, entities, MaxEntities, static (item, entity) =>
            Keyword(item + ".type", entity.Type)
                ?? Text(item + ".text", entity.Text, MaxMentionTextLength)
                ?? Account(item + ".mentioned", entity.Mentioned)
                ?? Token(item + ".timezone", entity.Timezone, MaxTimeZoneLength));

    private static ActivityViolation? Members(string field, IList<ChannelAccount>? members) =>
        Items(field, members, MaxMembers, Account);

    /// <summary>A list of at most <paramref name="max"/> items, each checked by <paramref name="rule"/>; null items count as absent.</summary>
    private static ActivityViolation? Items<T>(string field, IList<T>? items, int max, Func<string, T, ActivityViolation?> rule)
        where T : class
    {
        if (items is null)
        {
            return null;
        }

        if (items.Count > max)
        {
            return TooMany(field, max);
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is { } item && rule(Item(field, i), item) is { } violation)
            {
                return violation;
            }
        }

        return null;
    }

    private static ActivityViolation? ServiceUrl(string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > MaxServiceUrlLength)
        {
            return TooLong(field, MaxServiceUrlLength);
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? null
            : new ActivityViolation(field, "is not an absolute http or https URL");
    }

    private static string Item(string field, int index) => field + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    private static ActivityViolation TooMany(string field, int max) =>
        new(field, $"has more than {max.ToString(CultureInfo.InvariantCulture)} items");
}
