using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrustBot.Protocol.Activities;

/// <summary>The conversation an activity belongs to.</summary>
public sealed class ConversationAccount
{
    /// <summary>The conversation id (<c>a:</c> personal, <c>19:…@thread.v2</c> group chat, <c>19:…@thread.tacv2</c> channel).</summary>
    public string? Id { get; set; }

    /// <summary>The conversation name, on some channel events.</summary>
    public string? Name { get; set; }

    /// <summary>True for group chats and channels; omitted for personal chats.</summary>
    public bool? IsGroup { get; set; }

    /// <summary>One of <see cref="ConversationTypes"/>.</summary>
    public string? ConversationType { get; set; }

    /// <summary>The tenant id.</summary>
    public string? TenantId { get; set; }

    /// <summary>Members this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
