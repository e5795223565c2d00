using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Cards;
using TrustBot.Core.Commands;

namespace TrustBot.Core.SpeakUp;

/// <summary>
/// Takes a speak-up note: one per person per prompt (a participation hash counted like a ballot), scrubbed of
/// contact details and links, and sent through the delay queue so its storage time says nothing about its author.
/// </summary>
public sealed class SpeakUpActionHandler(
    ISpeakUpStore store,
    IBallotBox ballots,
    ParticipationHasher hasher,
    INoteDispatcher dispatcher,
    NoteDelayPolicy delays,
    TimeProvider timeProvider,
    ILogger<SpeakUpActionHandler> logger) : ICardActionHandler
{
    public const int MaxNoteLength = 1000;

    public IReadOnlyCollection<string> Verbs { get; } = [CardVerbs.SpeakUpSubmit, CardVerbs.SpeakUpRefresh];

    public async Task<JsonObject> HandleAsync(CardAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var sessionId = action.IdValue(CardData.SessionId);
        var session = string.IsNullOrWhiteSpace(sessionId) ? null : await store.GetSessionAsync(action.TenantId, sessionId, cancellationToken);
        if (session is null || !action.IsFrom(session.ConversationId))
        {
            return Refuse("unknown", "I can't find this prompt here. It may belong to another team or chat.");
        }

        var prompt = PromptLibrary.Default.Find(session.PromptId);
        var salt = timeProvider.GetUtcNow() < session.ClosesAt ? await store.GetSaltAsync(session.TenantId, session.SessionId, cancellationToken) : null;
        if (salt is null || prompt is null)
        {
            return SpeakUpCard.Closed(session);
        }

        if (string.IsNullOrEmpty(action.FromAadObjectId))
        {
            return Refuse("no-identity", "I couldn't tell who you are, so I can't keep notes to one per person. Please try from the Teams app.");
        }

        var participation = hasher.Hash(salt, session.TenantId, session.SessionId, action.FromAadObjectId);
        if (action.Verb == CardVerbs.SpeakUpRefresh)
        {
            return await ballots.HasParticipatedAsync(session.TenantId, session.SessionId, participation, cancellationToken)
                ? SpeakUpCard.AlreadyAnswered(session)
                : SpeakUpCard.Ask(session, prompt);
        }

        var raw = action.Value(CardData.NoteInput) ?? string.Empty;
        if (raw.Length > MaxNoteLength)
        {
            return Refuse("too-long", $"Please keep your note to {MaxNoteLength} characters.");
        }

        var note = NoteScrubber.Scrub(raw);
        if (note.Length == 0)
        {
            return Refuse("empty", "Write a few words first, then send.");
        }

        if (await ballots.CastAsync(session.TenantId, session.SessionId, participation, new Dictionary<string, int>(), new BallotTerms(session.Threshold, session.ClosesAt), cancellationToken) == BallotOutcome.AlreadyCast)
        {
            return SpeakUpCard.AlreadyAnswered(session);
        }

        var pending = new PendingNote(session.TenantId, session.InstallationKey, session.SessionId, Guid.NewGuid().ToString("N"), note);
        await dispatcher.DispatchAsync(pending, delays.NextDelay(), cancellationToken);
        SpeakUpLog.NoteDispatched(logger);
        return SpeakUpCard.Thanks(session);
    }

    public JsonObject WhenStorageUnavailable(CardAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return SpeakUpCard.StorageUnavailable(action.Value(CardData.SessionId), noteSent: action.Verb == CardVerbs.SpeakUpSubmit);
    }

    private JsonObject Refuse(string reason, string message)
    {
        SpeakUpLog.CardActionRefused(logger, reason);
        return SpeakUpCard.Problem(message);
    }
}
