namespace TrustBot.Core.Delivery;

/// <summary>
/// One record per occurrence, keyed by its idempotency key, that turns at-least-once queue delivery into an
/// exactly-once visible effect.
/// </summary>
/// <remarks>
/// The producer calls <see cref="TryBeginAsync"/> before it enqueues an occurrence and enqueues only on true, so two
/// instances that both find the occurrence due queue it once. The send worker calls <see cref="GetAsync"/> for every
/// message it receives: <see cref="IdempotencyStates.Done"/> means the effect is already visible, so it only deletes
/// the message; otherwise it sends and then calls <see cref="CompleteAsync"/>, and only then deletes the message. A
/// message redelivered after a crash before the send is sent; one redelivered after <see cref="CompleteAsync"/> is
/// skipped. The one window left — a crash between a successful send and <see cref="CompleteAsync"/> — is why the
/// record is written immediately after the send succeeds and before anything else.
/// </remarks>
public interface IIdempotencyStore
{
    /// <summary>Records <paramref name="key"/> as pending; false when a record for it already exists (in any state).</summary>
    Task<bool> TryBeginAsync(string key, CancellationToken cancellationToken);

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
