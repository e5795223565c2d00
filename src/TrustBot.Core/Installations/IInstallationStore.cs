namespace TrustBot.Core.Installations;

/// <summary>Persistence of installations. Every key starts with the tenant id.</summary>
public interface IInstallationStore
{
    /// <summary>Returns the installation, or null when there is none.</summary>
    Task<Installation?> GetAsync(string tenantId, string key, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the installation, reactivates a removed one, or refreshes an active one's route (service URL, bot id,
    /// team name) while keeping the channel it posts into and its team settings, which only the install itself or
    /// settings choose.
    /// Returns true only to the one caller that made it active, so that exactly one welcome card is posted
    /// even when Teams delivers <c>installationUpdate</c> and <c>conversationUpdate</c> for the same install at once.
    /// </summary>
    Task<bool> ActivateAsync(Installation installation, CancellationToken cancellationToken);

    /// <summary>Marks the installation removed; returns false when there was none.</summary>
    Task<bool> MarkRemovedAsync(string tenantId, string key, DateTimeOffset removedAt, CancellationToken cancellationToken);

    /// <summary>Stores a new service URL for an existing installation; returns false when there was none.</summary>
    Task<bool> UpdateServiceUrlAsync(string tenantId, string key, string serviceUrl, DateTimeOffset updatedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a team's settings (channel, schedule, question set, k, notes destination) on its active installation and
    /// returns the installation as now stored; null when there is none or it was removed (nothing is written then).
    /// </summary>
    Task<Installation?> UpdateSettingsAsync(string tenantId, string key, TeamSettings settings, DateTimeOffset updatedAt, CancellationToken cancellationToken);

    /// <summary>Every installation of one tenant.</summary>
    IAsyncEnumerable<Installation> ListAsync(string tenantId, CancellationToken cancellationToken);
}
