using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrustBot.Protocol.Activities;

/// <summary>The <c>channelData.settings</c> block sent on team installs.</summary>
public sealed class TeamsChannelDataSettings
{
    /// <summary>The channel the installer picked.</summary>
    public ChannelInfo? SelectedChannel { get; set; }

    /// <summary>Members this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
