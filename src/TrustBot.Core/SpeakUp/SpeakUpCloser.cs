using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.SpeakUp;

/// <summary>
/// Closes speak-up prompts whose time is up: marks them closed, destroys their salts (so participation can never be
/// recomputed) and turns the posted card into its closed view. Safe to run on several instances at once.
/// </summary>
public sealed class SpeakUpCloser(
    ISpeakUpStore store,
    IServiceScopeFactory scopes,
    TimeProvider timeProvider,
    ILogger<SpeakUpCloser> logger)
{
    public async Task<int> CloseDueAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var closed = 0;
        await foreach (var session in store.ListDueToCloseAsync(now, cancellationToken))
        {
            // Only the instance whose conditional close wins updates the card.
            if (await store.CloseSessionAsync(session.TenantId, session.SessionId, now, cancellationToken))
            {
                closed++;
                await UpdateCardAsync(session with { IsClosed = true, ClosedAt = now }, cancellationToken);
            }
        }

        if (closed > 0)
        {
            SpeakUpLog.SpeakUpSessionsClosed(logger, closed);
        }

        return closed;
    }

    private async Task UpdateCardAsync(SpeakUpSession session, CancellationToken cancellationToken)
    {
        if (session.ActivityId is null)
        {
            return;
        }

        try
        {
            var card = SpeakUpCard.Closed(session, PromptLibrary.Default.Find(session.PromptId));
            var address = new ConversationAddress(session.TenantId, session.ServiceUrl, session.ConversationId);
            // The closer outlives requests; the messenger is per scope (it wraps a pooled HTTP client).
            await using var scope = scopes.CreateAsyncScope();
            var messenger = scope.ServiceProvider.GetRequiredService<IBotMessenger>();
            var result = await messenger.UpdateCardAsync(address, session.ActivityId, card, SpeakUpCard.Summary, cancellationToken);
            if (!result.IsDelivered)
            {
                SpeakUpLog.SpeakUpCardNotUpdated(logger, result.Outcome);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The salt is already gone, which is what matters; a stale card only keeps its text box, which the
            // action handler answers with the closed view.
            SpeakUpLog.SpeakUpCardUpdateFailed(logger, ex.GetType().Name);
        }
    }
}
