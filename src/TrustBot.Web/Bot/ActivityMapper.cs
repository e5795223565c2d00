using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrustBot.Core.Commands;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Protocol.Activities;

namespace TrustBot.Web.Bot;

/// <summary>Translates verified Teams activities into Core's SDK-neutral input records.</summary>
internal static class ActivityMapper
{
    public static ConversationKind KindOf(Activity activity) =>
        activity.ChannelData?.Team?.Id is not null || activity.Conversation?.ConversationType == ConversationTypes.Channel
            ? ConversationKind.Channel
            : activity.Conversation?.ConversationType == ConversationTypes.GroupChat || activity.Conversation?.IsGroup == true
                ? ConversationKind.GroupChat
                : ConversationKind.Personal;

    /// <summary>The installation an activity belongs to: the team for channel activities, else the chat.</summary>
    public static string? InstallationKeyOf(Activity activity) =>
        KindOf(activity) == ConversationKind.Channel
            ? activity.ChannelData?.Team?.Id
            : activity.Conversation?.Id is { } id ? ConversationIds.WithoutThread(id) : null;

    public static InstallationEvent? ToInstallationEvent(Activity activity)
    {
        InstallationChange? change = activity.Type switch
        {
            ActivityTypes.InstallationUpdate => activity.Action switch
            {
                InstallationUpdateActions.Add => InstallationChange.Added,
                // An upgrade in either direction leaves the app installed; it is never a removal.
                InstallationUpdateActions.AddUpgrade or InstallationUpdateActions.RemoveUpgrade => InstallationChange.Upgraded,
                InstallationUpdateActions.Remove => InstallationChange.Removed,
                _ => null,
            },
            ActivityTypes.ConversationUpdate when IncludesBot(activity.MembersAdded, activity) => InstallationChange.Added,
            ActivityTypes.ConversationUpdate when IncludesBot(activity.MembersRemoved, activity)
                || activity.ChannelData?.EventType == TeamsEventTypes.TeamDeleted => InstallationChange.Removed,
            _ => null,
        };

        var tenantId = activity.TenantId;
        var kind = KindOf(activity);
        var teamId = activity.ChannelData?.Team?.Id;
        var conversationId = kind == ConversationKind.Channel
            ? activity.ChannelData?.Settings?.SelectedChannel?.Id ?? activity.ChannelData?.Channel?.Id ?? teamId
            : activity.Conversation?.Id is { } id ? ConversationIds.WithoutThread(id) : null;
        if (change is null || tenantId is null || conversationId is null || activity.ServiceUrl is null)
        {
            return null;
        }

        return new InstallationEvent
        {
            TenantId = tenantId,
            Kind = kind,
            ConversationId = conversationId,
            TeamId = teamId,
            TeamName = activity.ChannelData?.Team?.Name,
            ChannelId = kind == ConversationKind.Channel ? conversationId : null,
            ServiceUrl = activity.ServiceUrl,
            BotId = activity.Recipient?.Id ?? string.Empty,
            ActorAadObjectId = activity.From?.AadObjectId,
            ActorId = activity.From?.Id,
            ActorName = activity.From?.Name,
            ActorTimeZone = ClientTimeZone(activity),
            Change = change.Value,
        };
    }

    public static IncomingMessage? ToIncomingMessage(Activity activity)
    {
        var tenantId = activity.TenantId;
        if (tenantId is null || activity.Conversation?.Id is null || activity.ServiceUrl is null)
        {
            return null;
        }

        return new IncomingMessage
        {
            TenantId = tenantId,
            Kind = KindOf(activity),
            ConversationId = activity.Conversation.Id,
            TeamId = activity.ChannelData?.Team?.Id,
            ServiceUrl = activity.ServiceUrl,
            BotId = activity.Recipient?.Id ?? string.Empty,
            Text = CommandText(activity),
            FromAadObjectId = activity.From?.AadObjectId,
            FromId = activity.From?.Id,
            FromName = activity.From?.Name,
            Mentions = Mentions(activity),
            ClientTimeZone = ClientTimeZone(activity),
            ActivityId = string.IsNullOrEmpty(activity.Id) ? null : activity.Id,
        };
    }

    /// <summary>
    /// A card button press: an <c>adaptiveCard/action</c> invoke (verb and data in <c>value.action</c>), or the
    /// Action.Submit fallback of older clients (a message whose <c>value</c> carries the verb and the inputs).
    /// Null when the activity is not a well-formed card action.
    /// </summary>
    public static CardAction? ToCardAction(Activity activity)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        JsonElement dataElement;
        string? verb;
        if (activity.Type == ActivityTypes.Invoke)
        {
            if (!value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            verb = action.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            dataElement = action.TryGetProperty("data", out var d) ? d : default;
        }
        else
        {
            verb = value.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            dataElement = value;
        }

        var tenantId = activity.TenantId;
        if (string.IsNullOrEmpty(verb) || tenantId is null || activity.Conversation?.Id is null || activity.ServiceUrl is null)
        {
            return null;
        }

        return new CardAction
        {
            TenantId = tenantId,
            Kind = KindOf(activity),
            ConversationId = activity.Conversation.Id,
            ServiceUrl = activity.ServiceUrl,
            BotId = activity.Recipient?.Id ?? string.Empty,
            Verb = verb,
            Data = dataElement.ValueKind == JsonValueKind.Object ? JsonObject.Create(dataElement) ?? [] : [],
            FromAadObjectId = activity.From?.AadObjectId,
            FromId = activity.From?.Id,
            ClientTimeZone = ClientTimeZone(activity),
        };
    }

    /// <summary>The people @mentioned, the bot left out, each once, in the order they appear.</summary>
    public static IReadOnlyList<TeamMember> Mentions(Activity activity) =>
        EntitiesOf(activity)
            .Where(e => e.Type == Entity.MentionType && e.Mentioned?.Id is { Length: > 0 } id && id != activity.Recipient?.Id)
            .Select(e => new TeamMember(e.Mentioned!.Id!, e.Mentioned.AadObjectId, e.Mentioned.Name))
            .DistinctBy(m => m.UserId, StringComparer.Ordinal)
            .ToList();

    /// <summary>The IANA zone of the sender's Teams client (<c>clientInfo.timezone</c>), when it is a zone this host knows.</summary>
    public static string? ClientTimeZone(Activity activity)
    {
        var zone = EntitiesOf(activity).FirstOrDefault(e => e.Type == Entity.ClientInfoType)?.Timezone
            ?? activity.LocalTimezone;
        return !string.IsNullOrWhiteSpace(zone) && TimeZoneInfo.TryFindSystemTimeZoneById(zone.Trim(), out _) ? zone.Trim() : null;
    }

    /// <summary>The message text with the bot's @mention and HTML entities removed.</summary>
    public static string CommandText(Activity activity)
    {
        var text = activity.Text ?? string.Empty;
        var botId = activity.Recipient?.Id;
        foreach (var entity in EntitiesOf(activity))
        {
            // Without a bot id nothing can be known to mention the bot, so nothing is stripped.
            if (botId is not null && entity.Type == Entity.MentionType && entity.Mentioned?.Id == botId && !string.IsNullOrEmpty(entity.Text))
            {
                text = text.Replace(entity.Text, " ", StringComparison.Ordinal);
            }
        }

        return WebUtility.HtmlDecode(text).Replace('\u00a0', ' ').Trim();
    }

    private static bool IncludesBot(IList<ChannelAccount>? members, Activity activity) =>
        members is not null && activity.Recipient?.Id is { } botId && members.Any(m => m is not null && m.Id == botId);

    // The wire may carry null items ("entities": [null]); they say nothing, so they are skipped rather than trusted.
    private static IEnumerable<Entity> EntitiesOf(Activity activity) => (activity.Entities ?? []).OfType<Entity>();
}
