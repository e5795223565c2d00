using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrustBot.Protocol.Activities;

/// <summary>A user or bot in a conversation (<c>29:</c> user ids, <c>28:</c> bot ids in Teams).</summary>
public sealed class ChannelAccount
{
    /// <summary>The channel id of the account.</summary>
    public string? Id { get; set; }

    /// <summary>The display name.</summary>
    public string? Name { get; set; }

    /// <summary>The Entra (AAD) object id of a user.</summary>
    public string? AadObjectId { get; set; }

    /// <summary><c>user</c> or <c>bot</c>.</summary>
    public string? Role { get; set; }

    /// <summary>Members this model does not name (roster fields such as <c>email</c>, <c>userRole</c>).</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
