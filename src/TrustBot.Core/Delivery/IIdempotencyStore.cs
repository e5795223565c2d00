namespace TrustBot.Core.Delivery;

/// <summary>
/// One record per occurrence, keyed by its idempotency key, that turns at-least-once queue delivery into an
/// exactly-once visible effect.
/// </summary>
/// <remarks>
/// The send worker calls <see cref="TryClaimAsync"/> for every message it receives: a settled record means the effect
/// is already visible (or given up), so it only deletes the message; a claim held by another worker means a twin copy
/// is being sent, so it leaves the message; otherwise it holds the claim, sends, calls <see cref="CompleteAsync"/>, and
/// only then deletes the message. The record and the claim are one row, written in one call when nothing was recorded
/// before, so any number of copies of a send (queued twice by a producer that was rerun) are sent once. A message
/// redelivered after a crash before the send is sent once its claim has run out; one redelivered after
/// <see cref="CompleteAsync"/> is skipped. The one window left — a crash between a successful send and
/// <see cref="CompleteAsync"/> — is why the record is written immediately after the send succeeds and before anything
/// else. Producers that must know whether they queued a send before (a button pressed twice) call
/// <see cref="TryBeginAsync"/> first; the worker's claim takes such a pending record over.
/// </remarks>
public interface IIdempotencyStore
{
    /// <summary>Records <paramref name="key"/> as pending; false when a record for it already exists (in any state).</summary>
    Task<bool> TryBeginAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the send of <paramref name="key"/> for <paramref name="owner"/> until <paramref name="until"/>. Creates the
    /// record already claimed when there is none (one write); otherwise reads it and takes it over only when it is not
    /// settled and no other claim on it is still running (conditional on the version read, so of two racing workers one
    /// wins).
    /// </summary>
    Task<SendClaim> TryClaimAsync(string key, string owner, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// Gives a claim up without settling the send (it failed and its message comes back), so that the next copy may
    /// take it at once; nothing happens when the claim changed since.
    /// </summary>
    Task ReleaseAsync(SendClaim claim, CancellationToken cancellationToken);

    /// <summary>Marks <paramref name="key"/> done with what the send produced; creates the record if it is missing.</summary>
    Task CompleteAsync(string key, string? resultId, CancellationToken cancellationToken);

    /// <summary>The record of <paramref name="key"/>, or null when nothing was recorded.</summary>
    Task<IdempotencyRecord?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Marks <paramref name="key"/> dead after its retries ran out. A record already done stays done: the effect is
    /// visible, whatever a late failure says.
    /// </summary>
    Task MarkDeadAsync(string key, string reason, CancellationToken cancellationToken);
}
