using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Cards;
using TrustBot.Core.Commands;
using TrustBot.Core.Outages;
using TrustBot.Core.Questions;

namespace TrustBot.Core.CheckIns;

/// <summary>
/// The vote hot path and each person's refreshed view. Card data is untrusted: the check-in must exist in the
/// activity's own tenant, belong to the conversation the action came from, be open, and every answer must be valid;
/// otherwise a friendly card comes back and nothing is written. Nothing below the threshold ever leaves here.
/// </summary>
public sealed class CheckInActionHandler(
    OpenCheckInCache checkIns,
    IBallotBox ballots,
    TallyCache tallies,
    IOptions<CheckInOptions> options,
    ParticipationHasher hasher,
    TimeProvider timeProvider,
    ILogger<CheckInActionHandler> logger) : ICardActionHandler
{
    public IReadOnlyCollection<string> Verbs { get; } = [CardVerbs.CheckInVote, CardVerbs.CheckInRefresh];

    public async Task<JsonObject> HandleAsync(CardAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var checkInId = action.IdValue(CardData.CheckInId);
        if (string.IsNullOrWhiteSpace(checkInId))
        {
            return Refuse("missing-id", "This card doesn't name a check-in. Type **help** to see what I can do.");
        }

        // Looked up in the activity's own tenant: ids from another tenant simply do not exist here.
        var (checkIn, salt, statements) = await checkIns.GetAsync(action.TenantId, checkInId, cancellationToken);
        if (checkIn is null || !action.IsFrom(checkIn.ConversationId))
        {
            return Refuse("unknown", "I can't find this check-in here. It may belong to another team or chat.");
        }

        if (salt is null || !checkIn.IsOpenAt(timeProvider.GetUtcNow()))
        {
            var final = await ballots.GetTallyAsync(checkIn.TenantId, checkIn.CheckInId, cancellationToken);
            return CheckInCard.Closed(checkIn, CheckInScoring.Results(final, statements, checkIn.Threshold));
        }

        if (string.IsNullOrEmpty(action.FromAadObjectId))
        {
            return Refuse("no-identity", "I couldn't tell who you are, so I can't keep answers to one per person. Please try from the Teams app.");
        }

        var participation = hasher.Hash(salt, checkIn.TenantId, checkIn.CheckInId, action.FromAadObjectId);
        if (action.Verb == CardVerbs.CheckInRefresh)
        {
            var answered = await ballots.HasParticipatedAsync(checkIn.TenantId, checkIn.CheckInId, participation, cancellationToken);
            return answered
                ? await AnsweredViewAsync(checkIn, statements, cancellationToken)
                : CheckInCard.Ask(checkIn, statements, await ParticipantsAsync(checkIn, cancellationToken));
        }

        var answers = ReadAnswers(action, statements);
        if (answers is null)
        {
            return Refuse("invalid-answer", "Please choose one answer for each statement, then send again.");
        }

        // The counts do not move now: the ballot waits, unreadable, for a fold that counts it with at least k others.
        var terms = new BallotTerms(AnonymityThresholds.EffectiveThreshold(checkIn.Threshold), checkIn.ClosesAt)
        {
            // So storage keeps exactly as many counters as each statement's scale has points.
            Points = statements.DistinctBy(s => s.Id, StringComparer.Ordinal).ToDictionary(s => s.Id, s => s.Scale.Points, StringComparer.Ordinal),
        };
        var outcome = await ballots.CastAsync(checkIn.TenantId, checkIn.CheckInId, participation, answers, terms, cancellationToken);
        CheckInsLog.BallotHandled(logger, outcome);
        try
        {
            return await AnsweredViewAsync(checkIn, statements, cancellationToken);
        }
        catch (StorageUnavailableException)
        {
            // The ballot is stored: "not saved" would be false and invite a pointless retry, so thank without a count.
            CheckInsLog.TallyUnreadableAfterBallot(logger);
            return CheckInCard.AnsweredWithoutCount(checkIn);
        }
    }

    public JsonObject WhenStorageUnavailable(CardAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return CheckInCard.StorageUnavailable(action.Value(CardData.CheckInId), answerSent: action.Verb == CardVerbs.CheckInVote);
    }

    /// <summary>
    /// The published results once they reach k; before that, how many people took part (a count carries no answer,
    /// and it includes ballots still waiting for their fold, so a voter sees their reply counted at once).
    /// </summary>
    private async Task<JsonObject> AnsweredViewAsync(CheckIn checkIn, IReadOnlyList<Statement> statements, CancellationToken cancellationToken)
    {
        var tally = await tallies.GetAsync(checkIn.TenantId, checkIn.CheckInId, options.Value.TallyCacheDuration, cancellationToken);
        return CheckInScoring.Results(tally, statements, checkIn.Threshold) is { } results
            ? CheckInCard.Results(checkIn, results)
            : CheckInCard.Answered(checkIn, await ParticipantsAsync(checkIn, cancellationToken));
    }

    private Task<int> ParticipantsAsync(CheckIn checkIn, CancellationToken cancellationToken) =>
        tallies.GetParticipantsAsync(checkIn.TenantId, checkIn.CheckInId, options.Value.TallyCacheDuration, cancellationToken);

    /// <summary>Exactly one answer for every statement of the check-in, each a point of that statement's scale, or null.</summary>
    private static Dictionary<string, int>? ReadAnswers(CardAction action, IReadOnlyList<Statement> statements)
    {
        var answers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var statement in statements)
        {
            if (!statement.Scale.TryParseAnswer(action.Value(CardData.AnswerInput(statement.Id)), out var answer))
            {
                return null;
            }

            answers[statement.Id] = answer;
        }

        return answers;
    }

    private JsonObject Refuse(string reason, string message)
    {
        CheckInsLog.CardActionRefused(logger, reason);
        return CheckInCard.Problem(message);
    }
}
