namespace TrustBot.Core.Installations;

/// <summary>
/// Told when an installation becomes active or is removed, after the store has recorded it; register implementations
/// in DI as <see cref="IInstallationObserver"/>. A failing observer is logged and does not stop the others.
/// </summary>
public interface IInstallationObserver
{
    /// <summary>The installation was created or reactivated by <paramref name="installationEvent"/> (called once per activation).</summary>
    Task OnActivatedAsync(Installation installation, InstallationEvent installationEvent, CancellationToken cancellationToken);

    /// <summary>The installation was marked removed.</summary>
    Task OnRemovedAsync(string tenantId, string key, CancellationToken cancellationToken);
}
