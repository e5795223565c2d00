namespace TrustBot.Core.Launching;

/// <summary>
/// Counts the check-ins and speak-ups started by hand, per team and UTC day, in storage shared by every instance.
/// Every key starts with the tenant id.
/// </summary>
public interface ILaunchCounter
{
    /// <summary>Takes one of the day's launches; false, and nothing changed, when <paramref name="limit"/> are already taken.</summary>
    Task<bool> TryReserveAsync(string tenantId, string teamKey, DateOnly utcDay, int limit, CancellationToken cancellationToken);

    /// <summary>Gives back a launch that was reserved but did not happen (one was already open, or posting failed).</summary>
    Task ReleaseAsync(string tenantId, string teamKey, DateOnly utcDay, CancellationToken cancellationToken);
}
