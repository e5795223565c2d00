using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TrustBot.Protocol.Activities;

/// <summary>An attachment on an activity; an Adaptive Card has <see cref="AdaptiveCardContentType"/>.</summary>
public sealed class Attachment
{
    /// <summary>The MIME type of an Adaptive Card attachment.</summary>
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>The MIME type of the content.</summary>
    public string? ContentType { get; set; }

    /// <summary>A URL to the content, instead of inline <see cref="Content"/>.</summary>
    public string? ContentUrl { get; set; }

    /// <summary>Inline content, for example the Adaptive Card JSON.</summary>
    public JsonNode? Content { get; set; }

    /// <summary>An optional name.</summary>
    public string? Name { get; set; }

    /// <summary>Members this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>Wraps an Adaptive Card as an attachment.</summary>
    public static Attachment AdaptiveCard(JsonNode card) => new() { ContentType = AdaptiveCardContentType, Content = card };
}
