using System.Text.Json.Nodes;

namespace TrustBot.Web.Tests.Infrastructure;

/// <summary>Builds Teams-shaped activities for a given tenant, as the Bot Connector sends them.</summary>
public sealed class TeamsActivities(string serviceUrl, string tenantId)
{
    public string TenantId => tenantId;
    public string TeamId { get; } = $"19:team{Guid.NewGuid():N}@thread.tacv2";
    public string SelectedChannelId { get; } = $"19:chan{Guid.NewGuid():N}@thread.tacv2";
    public string PersonalConversationId { get; } = $"a:1{Guid.NewGuid():N}";
    public string GroupChatId { get; } = $"19:{Guid.NewGuid():N}@thread.v2";
    public string UserId { get; } = $"29:1{Guid.NewGuid():N}";
    public string UserAadObjectId { get; } = Guid.NewGuid().ToString();

    public JsonObject TeamInstall(string action = "add") => Base("installationUpdate", TeamId, "channel", withTeam: true, extra: a =>
    {
        a["action"] = action;
        a["channelData"]!["settings"] = new JsonObject { ["selectedChannel"] = new JsonObject { ["id"] = SelectedChannelId } };
    });

    public JsonObject TeamBotAdded() => Base("conversationUpdate", TeamId, "channel", withTeam: true, extra: a =>
    {
        a["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotHostFixture.BotId });
        a["channelData"]!["eventType"] = "teamMemberAdded";
    });

    public JsonObject TeamBotRemoved() => Base("conversationUpdate", TeamId, "channel", withTeam: true, extra: a =>
    {
        a["membersRemoved"] = new JsonArray(new JsonObject { ["id"] = BotHostFixture.BotId });
        a["channelData"]!["eventType"] = "teamMemberRemoved";
    });

    public JsonObject PersonalInstall(string action = "add") => Base("installationUpdate", PersonalConversationId, "personal", extra: a => a["action"] = action);

    public JsonObject GroupChatBotAdded() => Base("conversationUpdate", GroupChatId, "groupChat", extra: a =>
        a["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotHostFixture.BotId }));

    public JsonObject PersonalMessage(string text) => Base("message", PersonalConversationId, "personal", extra: a => a["text"] = text);

    public JsonObject ChannelMention(string text) => Base("message", $"{SelectedChannelId};messageid=1776390257332", "channel", withTeam: true, extra: a =>
    {
        a["text"] = $"<at>TrustBot</at> {text}";
        a["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>TrustBot</at>",
            ["mentioned"] = new JsonObject { ["id"] = BotHostFixture.BotId, ["name"] = "TrustBot" },
        });
    });

    /// <summary>
    /// A channel message to the bot from <paramref name="sender"/> that also @mentions <paramref name="mentioned"/>
    /// (each as <c>&lt;at&gt;Name&lt;/at&gt;</c> with a mention entity), optionally with the sender's client time zone.
    /// </summary>
    public JsonObject ChannelMentionFrom(TeamsUser sender, string text, IReadOnlyList<TeamsUser> mentioned, string? clientTimeZone = null)
    {
        var activity = ChannelMention($"{text} {string.Join(" ", mentioned.Select(m => $"<at>{m.Name}</at>"))}".TrimEnd());
        activity["from"] = sender.ToAccount();
        var entities = activity["entities"]!.AsArray();
        foreach (var person in mentioned)
        {
            // Teams mentions carry the 29: id and name; the Entra id is not guaranteed, so only some tests add it.
            entities.Add(new JsonObject
            {
                ["type"] = "mention",
                ["text"] = $"<at>{person.Name}</at>",
                ["mentioned"] = new JsonObject { ["id"] = person.Id, ["name"] = person.Name },
            });
        }

        if (clientTimeZone is not null)
        {
            entities.Add(ClientInfo(clientTimeZone));
        }

        return activity;
    }

    /// <summary>A <c>clientInfo</c> entity as Teams clients send it.</summary>
    public static JsonObject ClientInfo(string timeZone) => new()
    {
        ["type"] = "clientInfo",
        ["locale"] = "en-US",
        ["country"] = "US",
        ["platform"] = "Web",
        ["timezone"] = timeZone,
    };

    public JsonObject CardAction(string verb) => CardAction(verb, new JsonObject { ["x"] = 1 });

    /// <summary>An Action.Execute invoke from <paramref name="user"/> (default: the installer) in a conversation (default: the chosen channel).</summary>
    public JsonObject CardAction(string verb, JsonObject data, TeamsUser? user = null, string? conversationId = null) =>
        Base("invoke", conversationId ?? SelectedChannelId, "channel", withTeam: true, extra: a =>
        {
            a["name"] = "adaptiveCard/action";
            a["replyToId"] = "1776390257332";
            a["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
                ["trigger"] = "manual",
            };
            if (user is not null)
            {
                a["from"] = user.ToAccount();
            }
        });

    /// <summary>An Action.Execute invoke from a card in <paramref name="user"/>'s 1:1 chat with the bot, such as the digest.</summary>
    public JsonObject PersonalCardAction(string verb, JsonObject data, TeamsUser user) =>
        Base("invoke", user.PersonalConversationId, "personal", extra: a =>
        {
            a["name"] = "adaptiveCard/action";
            a["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
                ["trigger"] = "manual",
            };
            a["from"] = user.ToAccount();
        });

    /// <summary>A message in a leader's (default: the installer's) 1:1 chat.</summary>
    public JsonObject PersonalMessageFrom(TeamsUser user, string text) => Base("message", user.PersonalConversationId, "personal", extra: a =>
    {
        a["text"] = text;
        a["from"] = user.ToAccount();
    });

    /// <summary>The installer, as a <see cref="TeamsUser"/>.</summary>
    public TeamsUser Installer => new(UserId, UserAadObjectId, "Ada Lovelace", PersonalConversationId);

    private JsonObject Base(string type, string conversationId, string conversationType, bool withTeam = false, Action<JsonObject>? extra = null)
    {
        var channelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } };
        if (withTeam)
        {
            channelData["team"] = new JsonObject { ["id"] = TeamId, ["name"] = "Platform Team", ["aadGroupId"] = Guid.NewGuid().ToString() };
            channelData["channel"] = new JsonObject { ["id"] = TeamId };
        }

        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = $"f:{Guid.NewGuid()}",
            ["timestamp"] = "2026-11-23T10:00:00.000Z",
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = UserId, ["name"] = "Ada Lovelace", ["aadObjectId"] = UserAadObjectId },
            ["recipient"] = new JsonObject { ["id"] = BotHostFixture.BotId, ["name"] = "TrustBot" },
            ["conversation"] = new JsonObject
            {
                ["id"] = conversationId,
                ["conversationType"] = conversationType,
                ["tenantId"] = tenantId,
            },
            ["channelData"] = channelData,
            ["locale"] = "en-US",
        };
        if (conversationType != "personal")
        {
            activity["conversation"]!["isGroup"] = true;
        }

        extra?.Invoke(activity);
        return activity;
    }
}
