namespace TrustBot.Core.CheckIns;

/// <summary>Persistence of check-ins and of their per-check-in participation salts. Every key starts with the tenant id.</summary>
public interface ICheckInStore
{
    /// <summary>
    /// Stores a new open check-in together with its random salt (kept apart from the check-in row), unless its
    /// installation already has one open at <see cref="CheckIn.OpensAt"/>: a team has one open check-in at a time,
    /// even when several instances create at once.
    /// </summary>
    /// <returns>The check-in already open, when nothing was stored; null when this one was stored.</returns>
    Task<CheckIn?> CreateAsync(CheckIn checkIn, byte[] salt, CancellationToken cancellationToken);

    /// <summary>The installation's check-in that is open at <paramref name="now"/>, or null.</summary>
    Task<CheckIn?> GetOpenAsync(string tenantId, string installationKey, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The check-in, or null when there is none in that tenant.</summary>
    Task<CheckIn?> GetAsync(string tenantId, string checkInId, CancellationToken cancellationToken);

    /// <summary>Records the id of the posted card message.</summary>
    Task SetActivityIdAsync(string tenantId, string checkInId, string activityId, CancellationToken cancellationToken);

    /// <summary>The salt, or null once the check-in closed (the salt is destroyed on close).</summary>
    Task<byte[]?> GetSaltAsync(string tenantId, string checkInId, CancellationToken cancellationToken);

    /// <summary>Marks the check-in closed and destroys its salt; false when it was not open.</summary>
    Task<bool> CloseAsync(string tenantId, string checkInId, DateTimeOffset closedAt, CancellationToken cancellationToken);

    /// <summary>Open check-ins (any tenant) whose closing time is at or before <paramref name="now"/>.</summary>
    IAsyncEnumerable<CheckIn> ListDueToCloseAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The check-ins of one installation, newest first.</summary>
    IAsyncEnumerable<CheckIn> ListForInstallationAsync(string tenantId, string installationKey, CancellationToken cancellationToken);
}
