using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrustBot.Protocol.Activities;

/// <summary>A team reference in Teams channel data.</summary>
public sealed class TeamInfo
{
    /// <summary>The team id; equals the id of its General channel.</summary>
    public string? Id { get; set; }

    /// <summary>The team name.</summary>
    public string? Name { get; set; }

    /// <summary>The team's Microsoft 365 group id.</summary>
    public string? AadGroupId { get; set; }

    /// <summary>Members this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
