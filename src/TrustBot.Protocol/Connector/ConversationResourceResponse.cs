namespace TrustBot.Protocol.Connector;

/// <summary>The Connector's answer to a create-conversation call.</summary>
public sealed class ConversationResourceResponse
{
    /// <summary>The conversation id (<c>a:…</c> for a personal chat, <c>…;messageid=…</c> for a channel thread).</summary>
    public string? Id { get; set; }

    /// <summary>The id of the first message, returned for channel threads only.</summary>
    public string? ActivityId { get; set; }

    /// <summary>The service URL to use for the new conversation, when the Connector sends one.</summary>
    public string? ServiceUrl { get; set; }
}
