namespace TrustBot.Core.Delivery;

/// <summary>
/// Exclusive, expiring claims shared by every host instance, so that one instance (not all of them) handles a due
/// occurrence or a scheduler tick. A holder that dies simply lets its lease expire; a holder must finish or renew
/// before <see cref="Lease.ExpiresAt"/>, because after it another instance may take the resource.
/// </summary>
public interface ILeaseStore
{
    /// <summary>
    /// Claims <paramref name="resource"/> for <paramref name="duration"/> when nobody holds it or the last claim has
    /// expired; null when a claim that has not expired exists (whoever holds it, <paramref name="owner"/> included —
    /// a holder extends with <see cref="RenewAsync"/>) or another instance won the race.
    /// </summary>
    Task<Lease?> TryAcquireAsync(string resource, string owner, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>
    /// Extends the claim to now + <paramref name="duration"/> while it is still <paramref name="lease"/>'s owner's;
    /// false when someone else has taken it over or it is gone. The stored version changes, so a renewed lease is
    /// still recognised by its owner in later calls.
    /// </summary>
    Task<bool> RenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Gives the resource up at once; does nothing when someone else holds it by now.</summary>
    Task ReleaseAsync(Lease lease, CancellationToken cancellationToken);
}
