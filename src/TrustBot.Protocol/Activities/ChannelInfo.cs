using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrustBot.Protocol.Activities;

/// <summary>A channel reference in Teams channel data.</summary>
public sealed class ChannelInfo
{
    /// <summary>The channel id.</summary>
    public string? Id { get; set; }

    /// <summary>The channel name (null for General).</summary>
    public string? Name { get; set; }

    /// <summary>Members this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
