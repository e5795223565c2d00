namespace TrustBot.Core.Delivery;

/// <summary>The values of <see cref="IdempotencyRecord.State"/>.</summary>
public static class IdempotencyStates
{
    /// <summary>Claimed (and queued) but not yet visible to anyone.</summary>
    public const string Pending = "pending";

    /// <summary>Sent: the effect is visible and must not be repeated.</summary>
    public const string Done = "done";

    /// <summary>Given up after the retries ran out; recorded in the dead-letter log too.</summary>
    public const string Dead = "dead";
}
