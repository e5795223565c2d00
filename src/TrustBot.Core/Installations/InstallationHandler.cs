using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using TrustBot.Core.Messaging;
using TrustBot.Core.Outages;

namespace TrustBot.Core.Installations;

/// <summary>Keeps installations and their addresses current, and welcomes each new one exactly once.</summary>
public sealed class InstallationHandler(
    IInstallationStore store,
    IBotMessenger messenger,
    ServiceUrlCache serviceUrls,
    IEnumerable<IInstallationObserver> observers,
    PrivacyNotice privacy,
    TimeProvider timeProvider,
    ILogger<InstallationHandler> logger)
{
    public Task HandleAsync(InstallationEvent installationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installationEvent);
        return installationEvent.Change switch
        {
            InstallationChange.Added => AddAsync(installationEvent, cancellationToken),
            InstallationChange.Upgraded => UpgradeAsync(installationEvent, cancellationToken),
            InstallationChange.Removed => RemoveAsync(installationEvent, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(installationEvent), installationEvent.Change, "Unknown installation change."),
        };
    }

    /// <summary>
    /// Stores the service URL of a verified activity when it differs from the last one seen for the installation.
    /// Called on every activity, so an unchanged URL costs no storage call.
    /// </summary>
    public async Task RefreshAddressAsync(string tenantId, string key, string serviceUrl, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(serviceUrl);

        if (serviceUrls.IsCurrent(tenantId, key, serviceUrl))
        {
            return;
        }

        var updated = await store.UpdateServiceUrlAsync(tenantId, key, serviceUrl, timeProvider.GetUtcNow(), cancellationToken);
        if (updated)
        {
            serviceUrls.Set(tenantId, key, serviceUrl);
            InstallationsLog.ServiceUrlStored(logger);
        }
        else
        {
            // Not cached: an installation created later (for example after a lost install event) must still be refreshed.
            InstallationsLog.ServiceUrlForUnknownInstallation(logger);
        }
    }

    private async Task AddAsync(InstallationEvent installationEvent, CancellationToken cancellationToken)
    {
        var installation = Create(installationEvent, timeProvider.GetUtcNow());
        var activated = await store.ActivateAsync(installation, cancellationToken);
        serviceUrls.Set(installation.TenantId, installation.Key, installation.ServiceUrl);

        // installationUpdate and conversationUpdate both announce one install; only the call that activated it welcomes.
        // The observers run again, though: they are idempotent, and a set-up that a storage outage cut short (the turn
        // answered 503) is finished by the channel's retry, which finds the installation active already.
        if (!activated)
        {
            InstallationsLog.InstallationAlreadyActive(logger, installation.Kind);
            if (await store.GetAsync(installation.TenantId, installation.Key, cancellationToken) is { Status: InstallationStatus.Active } active)
            {
                await NotifyAsync(o => o.OnActivatedAsync(active, installationEvent, cancellationToken), cancellationToken);
            }

            return;
        }

        InstallationsLog.InstallationActivated(logger, installation.Kind);

        // A team reinstalled within the grace period keeps its settings, so plan and welcome from what was stored.
        var stored = await store.GetAsync(installation.TenantId, installation.Key, cancellationToken) ?? installation;
        await PostWelcomeAsync(stored, cancellationToken);
        await NotifyAsync(o => o.OnActivatedAsync(stored, installationEvent, cancellationToken), cancellationToken);
    }

    private async Task UpgradeAsync(InstallationEvent installationEvent, CancellationToken cancellationToken)
    {
        // The store keeps an active installation's channel, so an upgrade only refreshes its route; it never welcomes.
        var installation = Create(installationEvent, timeProvider.GetUtcNow());
        await store.ActivateAsync(installation, cancellationToken);
        serviceUrls.Set(installation.TenantId, installation.Key, installation.ServiceUrl);
        InstallationsLog.InstallationUpgraded(logger, installation.Kind);
    }

    private async Task RemoveAsync(InstallationEvent installationEvent, CancellationToken cancellationToken)
    {
        var key = installationEvent.Key;
        serviceUrls.Remove(installationEvent.TenantId, key);
        var removed = await store.MarkRemovedAsync(installationEvent.TenantId, key, timeProvider.GetUtcNow(), cancellationToken);
        if (removed)
        {
            InstallationsLog.InstallationRemoved(logger, installationEvent.Kind);
            await NotifyAsync(o => o.OnRemovedAsync(installationEvent.TenantId, key, cancellationToken), cancellationToken);
        }
        else
        {
            InstallationsLog.RemovalOfUnknownInstallation(logger, installationEvent.Kind);
        }
    }

    private async Task NotifyAsync(Func<IInstallationObserver, Task> notify, CancellationToken cancellationToken)
    {
        StorageUnavailableException? outage = null;
        foreach (var observer in observers)
        {
            try
            {
                await notify(observer);
            }
            catch (StorageUnavailableException exception)
            {
                // Not swallowed: the turn must fail with a retry (503) so that the set-up is finished, not acknowledged
                // half-done. The other observers still get their turn; each is idempotent when the retry comes.
                InstallationsLog.InstallationObserverFailed(logger, observer.GetType().Name, exception.GetType().Name);
                outage ??= exception;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One observer's failure (say, planning the schedule) must not undo the install or starve the others.
                InstallationsLog.InstallationObserverFailed(logger, observer.GetType().Name, exception.GetType().Name);
                InstallationsLog.InstallationObserverFailureDetail(logger, exception);
            }
        }

        if (outage is not null)
        {
            ExceptionDispatchInfo.Throw(outage);
        }
    }

    private async Task PostWelcomeAsync(Installation installation, CancellationToken cancellationToken)
    {
        var address = installation.Address;
        try
        {
            var result = await messenger.SendCardAsync(address, WelcomeCard.Build(installation.Kind, privacy.ThresholdOf(installation)), WelcomeCard.Summary, cancellationToken);
            if (!result.IsDelivered)
            {
                InstallationsLog.WelcomeNotDelivered(logger, installation.Kind, result.Outcome);
                return;
            }

            InstallationsLog.WelcomePosted(logger, installation.Kind);

            // The notice comes before the first check-in, so people know what happens to their answers before they give any.
            result = await messenger.SendCardAsync(address, privacy.Build(installation), PrivacyCard.Summary, cancellationToken);
            if (!result.IsDelivered)
            {
                InstallationsLog.WelcomeNotDelivered(logger, installation.Kind, result.Outcome);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The installation is stored and stays; a lost welcome must not fail the turn or make Teams retry the install.
            InstallationsLog.WelcomeFailed(logger, installation.Kind, exception.GetType().Name);
            InstallationsLog.WelcomeFailureDetail(logger, exception);
        }
    }

    private static Installation Create(InstallationEvent installationEvent, DateTimeOffset now) => new()
    {
        TenantId = installationEvent.TenantId,
        Key = installationEvent.Key,
        Kind = installationEvent.Kind,
        ServiceUrl = installationEvent.ServiceUrl,
        ConversationId = installationEvent.ConversationId,
        TeamId = installationEvent.Kind == ConversationKind.Channel ? installationEvent.TeamId : null,
        ChannelId = installationEvent.Kind == ConversationKind.Channel ? installationEvent.ConversationId : null,
        TeamName = installationEvent.Kind == ConversationKind.Channel ? installationEvent.TeamName : null,
        InstalledByAadObjectId = installationEvent.ActorAadObjectId,
        Schedule = installationEvent.Kind == ConversationKind.Channel ? Scheduling.TeamSchedule.Default(installationEvent.ActorTimeZone) : null,
        BotId = installationEvent.BotId,
        Status = InstallationStatus.Active,
        InstalledAt = now,
        UpdatedAt = now,
    };
}
