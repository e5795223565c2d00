namespace TrustBot.Core.Delivery;

/// <summary>
/// What <see cref="IIdempotencyStore.TryClaimAsync"/> found: the send is now this worker's to make
/// (<see cref="IsClaimed"/>), it is settled already (<see cref="SettledState"/>), or another worker is making it.
/// </summary>
/// <param name="Key">The send's idempotency key.</param>
/// <param name="Version">The store's version of the claim as written; null when not claimed.</param>
/// <param name="SettledState">Done or dead when the send is settled; null otherwise.</param>
public sealed record SendClaim(string Key, string? Version, string? SettledState)
{
    /// <summary>This worker holds the send: it may make it, and must settle or release it.</summary>
    public bool IsClaimed => Version is not null;

    /// <summary>The send is done or dead: a copy of it is only removed.</summary>
    public bool IsSettled => SettledState is not null;

    public static SendClaim Claimed(string key, string version) => new(key, version, null);

    public static SendClaim Settled(string key, string state) => new(key, null, state);

    /// <summary>Another worker's claim on the send has not run out yet.</summary>
    public static SendClaim Held(string key) => new(key, null, null);
}
