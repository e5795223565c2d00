using System.Security.Cryptography;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Core.SpeakUp;

namespace TrustBot.Core.Digests;

/// <summary>
/// Gathers what one leader's digest needs from the stores and the team roster, and builds it with
/// <see cref="DigestBuilder"/>. The roster is only counted: no member id is kept.
/// </summary>
public sealed class DigestComposer(
    ICheckInStore checkIns,
    IBallotBox ballots,
    ISpeakUpStore speakUp,
    IPredictionStore predictions,
    IBotMessenger messenger)
{
    /// <summary>How far back the digest looks for speak-up prompts that closed.</summary>
    public static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <summary>The digest of <paramref name="team"/> for the leader <paramref name="leaderUserId"/> as of <paramref name="asOf"/>.</summary>
    public async Task<Digest> ComposeAsync(Installation team, string leaderUserId, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentException.ThrowIfNullOrEmpty(leaderUserId);
        var closed = await LatestClosedAsync(team, asOf, cancellationToken);
        (CheckIn CheckIn, Tally Tally)? latest = null;
        (CheckIn CheckIn, Tally Tally)? previous = null;
        var predicted = new List<Prediction>();
        int? rosterSize = null;
        if (closed.Count > 0)
        {
            latest = (closed[0], await ballots.GetTallyAsync(team.TenantId, closed[0].CheckInId, cancellationToken));
            if (closed.Count > 1)
            {
                previous = (closed[1], await ballots.GetTallyAsync(team.TenantId, closed[1].CheckInId, cancellationToken));
            }

            var from = closed.Count > 1 ? closed[1].ClosesAt : DateTimeOffset.MinValue;
            predicted = await PredictionsAsync(team, leaderUserId, closed[0], from, cancellationToken);
            rosterSize = await CountRosterAsync(team, cancellationToken);
        }

        return DigestBuilder.Build(new DigestInputs
        {
            TeamKey = team.Key,
            TeamLabel = team.TeamName ?? "your team",
            AsOf = asOf,
            Catalog = team.Catalog(),
            Latest = latest,
            Previous = previous,
            RosterSize = rosterSize,
            Sessions = await WeekSessionsAsync(team, asOf, cancellationToken),
            Predictions = predicted,
        });
    }

    /// <summary>
    /// The leader's predictions about <paramref name="reported"/>, newest first, down to the newest that counts: older
    /// ones are never compared, so they are not read.
    /// </summary>
    private async Task<List<Prediction>> PredictionsAsync(
        Installation team, string leaderUserId, CheckIn reported, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var found = new List<Prediction>();
        await foreach (var prediction in predictions.ListAsync(team.TenantId, team.Key, leaderUserId, from, reported.ClosesAt, cancellationToken))
        {
            found.Add(prediction);
            if (PredictionRule.Counts(prediction, reported))
            {
                break;
            }
        }

        return found;
    }

    /// <summary>The two newest check-ins that had been posted and stopped taking answers by <paramref name="asOf"/>.</summary>
    private async Task<List<CheckIn>> LatestClosedAsync(Installation team, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var closed = new List<CheckIn>(2);
        await foreach (var checkIn in checkIns.ListForInstallationAsync(team.TenantId, team.Key, cancellationToken))
        {
            // Past its closing time counts as closed even before the closer got to it: no more answers are taken.
            // A check-in closed without an activity id was never posted, so nobody could answer it.
            if (checkIn.IsOpenAt(asOf) || checkIn.OpensAt > asOf || checkIn.ActivityId is null)
            {
                continue;
            }

            closed.Add(checkIn);
            if (closed.Count == 2)
            {
                break;
            }
        }

        return closed;
    }

    private async Task<int?> CountRosterAsync(Installation team, CancellationToken cancellationToken)
    {
        try
        {
            var count = 0;
            await foreach (var _ in messenger.ListMembersAsync(team.TenantId, team.ServiceUrl, team.TeamId ?? team.Key, cancellationToken))
            {
                count++;
            }

            return count;
        }
        catch (InvalidOperationException)
        {
            // Without the roster the digest still shows everything but the rate.
            return null;
        }
    }

    /// <summary>
    /// The notes released within the week before <paramref name="asOf"/>, by session. Notes are released in groups of at
    /// least k (<see cref="NoteReleaseJob"/>), so each weekly digest shows the groups released since the last one and
    /// every note reaches exactly one digest; held notes never appear.
    /// </summary>
    private async Task<List<SessionNotes>> WeekSessionsAsync(Installation team, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var start = asOf - Week;
        var sessions = new List<SessionNotes>();
        await foreach (var session in speakUp.ListSessionsAsync(team.TenantId, team.Key, cancellationToken))
        {
            // Newest first. A session's last release comes at most a day and the longest note delay after it closes, so
            // one that closed more than a week before the window (delays and settle time well under six days) released nothing in it,
            // nor did any older one.
            if (session.ClosesAt + Week < start)
            {
                break;
            }

            if (session.OpensAt > asOf)
            {
                continue;
            }

            var notes = new List<string>();
            await foreach (var note in speakUp.ListNotesAsync(session.TenantId, session.SessionId, cancellationToken))
            {
                if (note.ReleasedAt is { } releasedAt && releasedAt > start && releasedAt <= asOf)
                {
                    notes.Add(note.Text);
                }
            }

            if (notes.Count == 0)
            {
                continue;
            }

            // A prompt's ballot box holds no answers: the gate needs how many people wrote, which the participation rows
            // count at once (a count carries no answer), not the folded count, which trails it by up to a fold.
            var people = await ballots.CountParticipantsAsync(session.TenantId, session.SessionId, cancellationToken);
            var tally = new Tally(people, new Dictionary<string, int[]>());
            var shuffled = notes.ToArray();
            RandomNumberGenerator.Shuffle<string>(shuffled);
            sessions.Add(new SessionNotes(session, tally, shuffled));
        }

        return sessions;
    }
}
