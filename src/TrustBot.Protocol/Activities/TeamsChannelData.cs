using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrustBot.Protocol.Activities;

/// <summary>The Teams <c>channelData</c> block.</summary>
public sealed class TeamsChannelData
{
    /// <summary>The tenant; present on every Teams activity.</summary>
    public TenantInfo? Tenant { get; set; }

    /// <summary>The team, on channel-scoped activities.</summary>
    public TeamInfo? Team { get; set; }

    /// <summary>The channel, on channel-scoped activities.</summary>
    public ChannelInfo? Channel { get; set; }

    /// <summary>The event type on <c>conversationUpdate</c>, one of <see cref="TeamsEventTypes"/>.</summary>
    public string? EventType { get; set; }

    /// <summary>Settings, such as the channel picked at install.</summary>
    public TeamsChannelDataSettings? Settings { get; set; }

    /// <summary>Members this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
