using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrustBot.Protocol.Activities;

/// <summary>An entity on an activity: a <c>mention</c>, <c>clientInfo</c>, or any other type (kept as is).</summary>
public sealed class Entity
{
    /// <summary>The mention entity type.</summary>
    public const string MentionType = "mention";

    /// <summary>The client info entity type (locale, country, platform, timezone).</summary>
    public const string ClientInfoType = "clientInfo";

    /// <summary>The entity type.</summary>
    public string? Type { get; set; }

    /// <summary>On mentions: the literal text in the activity, for example <c>&lt;at&gt;TrustBot&lt;/at&gt;</c>.</summary>
    public string? Text { get; set; }

    /// <summary>On mentions: who is mentioned.</summary>
    public ChannelAccount? Mentioned { get; set; }

    /// <summary>On client info: the client's IANA time zone.</summary>
    public string? Timezone { get; set; }

    /// <summary>Members this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
