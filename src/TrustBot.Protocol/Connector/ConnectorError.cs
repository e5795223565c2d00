using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrustBot.Protocol.Connector;

/// <summary>The <c>error</c> object of a Connector error body (swagger <c>Error</c>, renamed: that name is a VB keyword).</summary>
public sealed class ConnectorError
{
    /// <summary>A code such as <c>BotNotInConversationRoster</c>, <c>MessageWritesBlocked</c> or <c>BadSyntax</c>.</summary>
    public string? Code { get; set; }

    /// <summary>A human-readable message (may itself be a JSON string in Teams answers).</summary>
    public string? Message { get; set; }

    /// <summary>The inner HTTP error, when the Connector forwards one.</summary>
    public JsonElement? InnerHttpError { get; set; }

    /// <summary>Members this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
