namespace TrustBot.Core.Retention;

/// <summary>An installation that was removed and not reinstalled, as found by <see cref="IRetentionStore.ListRemovedBeforeAsync"/>.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Key">The installation key (team id, or conversation id).</param>
/// <param name="RemovedAt">When the app was removed.</param>
public sealed record RemovedInstallation(string TenantId, string Key, DateTimeOffset RemovedAt);
