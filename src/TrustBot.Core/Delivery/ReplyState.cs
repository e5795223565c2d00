namespace TrustBot.Core.Delivery;

/// <summary>What this process knows of one queued reply (<see cref="ReplyLine"/>).</summary>
public enum ReplyState
{
    /// <summary>Not queued here, or forgotten: only storage can tell.</summary>
    Unknown,

    /// <summary>Queued here and its sender has not finished.</summary>
    Pending,

    /// <summary>Its sender here has finished (sent, recipient gone, or left for a later retry).</summary>
    Settled,
}
