using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrustBot.Protocol.Activities;

/// <summary>A tenant reference in Teams channel data.</summary>
public sealed class TenantInfo
{
    /// <summary>The tenant id (GUID).</summary>
    public string? Id { get; set; }

    /// <summary>Members this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
