namespace TrustBot.Protocol.Connector;

/// <summary>The Connector's answer to a send, reply or update: the id of the activity it stored.</summary>
public sealed class ResourceResponse
{
    /// <summary>The activity id; keep it to update or delete the message later.</summary>
    public string? Id { get; set; }
}
