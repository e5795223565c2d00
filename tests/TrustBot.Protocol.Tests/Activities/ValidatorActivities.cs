using System.Text.Json;
using TrustBot.Protocol.Activities;

namespace TrustBot.Protocol.Tests.Activities;

/// <summary>A Teams channel activity with every field the validator reads, and a way to set any of them by path.</summary>
internal static class ValidatorActivities
{
    public static Activity Full() => new()
    {
        Type = ActivityTypes.Message,
        Id = "1776390257332",
        ServiceUrl = "https://smba.trafficmanager.net/amer/",
        ChannelId = "msteams",
        From = new ChannelAccount { Id = "29:1Qz8Wm3Xk5Rp7Tn9", Name = "Avery Quinn", AadObjectId = "9b2c4d6e-8f0a-4b1c-9d2e-3f4a5b6c7d8e", Role = "user" },
        Recipient = new ChannelAccount { Id = "28:8c3f1b52-6a1d-4e0f-9a7b-3c2d1e0f9a8b", Name = "TrustBot" },
        Conversation = new ConversationAccount
        {
            Id = "19:a8f0c2e4b6d8f0a2c4e6b8d0f2a4c6e8@thread.tacv2;messageid=1776390257332",
            Name = "General",
            ConversationType = ConversationTypes.Channel,
            TenantId = "3c8e5f1a-2b7d-4e9c-8a6f-1d0b2e4c6a8f",
            IsGroup = true,
        },
        ReplyToId = "1776390257330",
        Text = "<at>TrustBot</at> help",
        TextFormat = "plain",
        Locale = "en-US",
        LocalTimezone = "America/New_York",
        Name = "adaptiveCard/action",
        Action = "add",
        Entities =
        [
            new Entity { Type = Entity.MentionType, Text = "<at>TrustBot</at>", Mentioned = new ChannelAccount { Id = "28:8c3f1b52-6a1d-4e0f-9a7b-3c2d1e0f9a8b", Name = "TrustBot" } },
            new Entity { Type = Entity.ClientInfoType, Timezone = "America/New_York" },
        ],
        MembersAdded = [new ChannelAccount { Id = "28:8c3f1b52-6a1d-4e0f-9a7b-3c2d1e0f9a8b" }],
        MembersRemoved = [new ChannelAccount { Id = "29:1Qz8Wm3Xk5Rp7Tn9" }],
        ChannelData = new TeamsChannelData
        {
            Tenant = new TenantInfo { Id = "3c8e5f1a-2b7d-4e9c-8a6f-1d0b2e4c6a8f" },
            Team = new TeamInfo { Id = "19:4f2a9c1e7b3d4e5f8a6b0c1d2e3f4a5b@thread.tacv2", Name = "Platform Crew", AadGroupId = "e1d2c3b4-a5f6-4789-9abc-def012345678" },
            Channel = new ChannelInfo { Id = "19:a8f0c2e4b6d8f0a2c4e6b8d0f2a4c6e8@thread.tacv2", Name = "Retros" },
            EventType = "teamMemberAdded",
            Settings = new TeamsChannelDataSettings { SelectedChannel = new ChannelInfo { Id = "19:a8f0c2e4b6d8f0a2c4e6b8d0f2a4c6e8@thread.tacv2" } },
        },
        Value = JsonDocument.Parse("""{"action":{"type":"Action.Execute","verb":"checkin.vote","data":{"checkInId":"ck1","answer-ps.speakUp":6}}}""").RootElement,
    };

    /// <summary>A legal value of exactly <paramref name="length"/> UTF-16 units for the kind of <paramref name="field"/>.</summary>
    public static string Filler(string field, int length) => field switch
    {
        "serviceUrl" => "https://smba.trafficmanager.net/amer/" + new string('a', length - 37),
        _ when field.EndsWith("name", StringComparison.OrdinalIgnoreCase) && field != "name" => Repeat("Équipe 🚀 فريق ", length),
        "text" or "entities[0].text" => Repeat("<at>Bot</at> é\n", length),
        _ => "19:" + new string('a', length - 3),
    };

    public static void Set(Activity activity, string field, string value)
    {
        switch (field)
        {
            case "id": activity.Id = value; break;
            case "replyToId": activity.ReplyToId = value; break;
            case "conversation.id": activity.Conversation!.Id = value; break;
            case "from.id": activity.From!.Id = value; break;
            case "recipient.id": activity.Recipient!.Id = value; break;
            case "channelData.team.id": activity.ChannelData!.Team!.Id = value; break;
            case "channelData.channel.id": activity.ChannelData!.Channel!.Id = value; break;
            case "channelData.settings.selectedChannel.id": activity.ChannelData!.Settings!.SelectedChannel!.Id = value; break;
            case "entities[0].mentioned.id": activity.Entities![0].Mentioned!.Id = value; break;
            case "membersAdded[0].id": activity.MembersAdded![0].Id = value; break;
            case "membersRemoved[0].id": activity.MembersRemoved![0].Id = value; break;
            case "from.aadObjectId": activity.From!.AadObjectId = value; break;
            case "conversation.tenantId": activity.Conversation!.TenantId = value; break;
            case "channelData.tenant.id": activity.ChannelData!.Tenant!.Id = value; break;
            case "channelData.team.aadGroupId": activity.ChannelData!.Team!.AadGroupId = value; break;
            case "from.name": activity.From!.Name = value; break;
            case "recipient.name": activity.Recipient!.Name = value; break;
            case "conversation.name": activity.Conversation!.Name = value; break;
            case "channelData.team.name": activity.ChannelData!.Team!.Name = value; break;
            case "channelData.channel.name": activity.ChannelData!.Channel!.Name = value; break;
            case "entities[0].mentioned.name": activity.Entities![0].Mentioned!.Name = value; break;
            case "text": activity.Text = value; break;
            case "entities[0].text": activity.Entities![0].Text = value; break;
            case "type": activity.Type = value; break;
            case "name": activity.Name = value; break;
            case "action": activity.Action = value; break;
            case "channelId": activity.ChannelId = value; break;
            case "textFormat": activity.TextFormat = value; break;
            case "conversation.conversationType": activity.Conversation!.ConversationType = value; break;
            case "channelData.eventType": activity.ChannelData!.EventType = value; break;
            case "from.role": activity.From!.Role = value; break;
            case "entities[1].type": activity.Entities![1].Type = value; break;
            case "locale": activity.Locale = value; break;
            case "localTimezone": activity.LocalTimezone = value; break;
            case "entities[1].timezone": activity.Entities![1].Timezone = value; break;
            case "serviceUrl": activity.ServiceUrl = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, "no setter for this field");
        }
    }

    /// <summary>Repeats <paramref name="unit"/> to exactly <paramref name="length"/> units, never splitting a surrogate pair.</summary>
    private static string Repeat(string unit, int length)
    {
        var text = string.Concat(Enumerable.Repeat(unit, (length / unit.Length) + 1))[..length];
        return char.IsHighSurrogate(text[^1]) ? text[..^1] + "x" : text;
    }
}
