using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Cards;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.CheckIns;

/// <summary>
/// Keeps the shared channel card's reply count current without flooding the conversation: the first vote in a
/// window schedules one update at the window's end, and every vote in between rides along with it.
/// </summary>
public sealed class SharedCardUpdater(
    ICheckInStore checkIns,
    CheckInStatements checkInStatements,
    IBallotBox ballots,
    IServiceScopeFactory scopes,
    IOptions<CheckInOptions> options,
    TimeProvider timeProvider,
    ILogger<SharedCardUpdater> logger)
{
    private readonly ConcurrentDictionary<string, Task> _scheduled = new(StringComparer.Ordinal);

    public void Schedule(CheckIn checkIn)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        var key = $"{checkIn.TenantId}|{checkIn.CheckInId}";
        if (_scheduled.ContainsKey(key))
        {
            return;
        }

        var update = new TaskCompletionSource();
        if (_scheduled.TryAdd(key, update.Task))
        {
            _ = RunAsync(key, checkIn, update);
        }
    }

    /// <summary>Completes when every scheduled update has run (for tests and orderly shutdown).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_scheduled.Values);

    /// <summary>Replaces the shared card now with the current state of the check-in.</summary>
    public async Task UpdateNowAsync(CheckIn checkIn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        var current = await checkIns.GetAsync(checkIn.TenantId, checkIn.CheckInId, cancellationToken) ?? checkIn;
        if (current.ActivityId is null)
        {
            return;
        }

        var statements = await checkInStatements.ResolveAsync(current, cancellationToken);
        var tally = await ballots.GetTallyAsync(current.TenantId, current.CheckInId, cancellationToken);
        var card = current.IsOpenAt(timeProvider.GetUtcNow())
            ? CheckInCard.Ask(current, statements, Instrument.Default.Scale, tally.Replies)
            : CheckInCard.Closed(current, CheckInScoring.Results(tally, statements, current.Threshold));
        var address = new ConversationAddress(current.TenantId, current.ServiceUrl, current.ConversationId);
        // The updater outlives requests; the messenger is per scope (it wraps a pooled HTTP client).
        await using var scope = scopes.CreateAsyncScope();
        var messenger = scope.ServiceProvider.GetRequiredService<IBotMessenger>();
        var result = await messenger.UpdateCardAsync(address, current.ActivityId, card, CheckInCard.Summary, cancellationToken);
        if (!result.IsDelivered)
        {
            CoreLog.SharedCardNotUpdated(logger, result.Outcome);
        }
    }

    private async Task RunAsync(string key, CheckIn checkIn, TaskCompletionSource done)
    {
        try
        {
            await Task.Delay(options.Value.SharedCardDebounce, timeProvider);

            // Removed before reading, so a vote that lands during the update schedules the next one.
            _scheduled.TryRemove(key, out _);
            await UpdateNowAsync(checkIn, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _scheduled.TryRemove(key, out _);
            CoreLog.SharedCardUpdateFailed(logger, ex.GetType().Name);
        }
        finally
        {
            done.TrySetResult();
        }
    }
}
