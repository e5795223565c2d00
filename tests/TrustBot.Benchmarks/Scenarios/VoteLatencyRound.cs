using System.Net;
using Azure.Storage.Queues;
using TrustBot.Benchmarks.Load;
using TrustBot.Core.Anonymity;

namespace TrustBot.Benchmarks.Scenarios;

/// <summary>
/// One round of the vote-latency scenario: a fresh team posts a fresh check-in, then all of its voters send their vote
/// invokes at the same moment. Afterwards the round checks that exactly that many people took part and exactly one
/// ballot per person went to the pending queue, then times the same number of raw participation inserts + queue
/// sends released at once, the floor that Azurite itself sets for such a burst.
/// </summary>
internal sealed class VoteLatencyRound(
    BenchmarkEnvironment environment, HttpClient client, Uri hostAddress, string token, IBallotBox ballots, QueueClient pending, TimeSpan foldInterval, StorageRequestCounter storage)
{
    public async Task<RoundResult> RunAsync(int voters, CancellationToken cancellationToken)
    {
        var team = new BotActivities(environment, client, hostAddress, token);
        var (checkInId, inputs) = await team.StartCheckInAsync(cancellationToken);
        var queuedBefore = await QueuedAsync(cancellationToken);

        var invokes = Enumerable.Range(0, voters).Select(_ => team.Vote(checkInId, inputs)).ToList();
        var requestsBefore = storage.Read();
        var bot = await Burst.RunAsync([.. invokes.Select(invoke => (Func<Task<bool>>)(async () =>
        {
            using var response = await team.PostAsync(invoke, cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }))]);

        var requests = storage.Read() - requestsBefore;
        var participants = await ballots.CountParticipantsAsync(team.TenantId, checkInId, cancellationToken);
        var queued = await QueuedAsync(cancellationToken) - queuedBefore;
        var raw = await RawVoteWork.CreateAsync(environment, team.TenantId, inputs, foldInterval, cancellationToken);
        var rawBurst = await Burst.RunAsync([.. Enumerable.Range(0, voters).Select(_ => (Func<Task<bool>>)(() => raw.CastAsync(cancellationToken)))]);
        return new RoundResult(bot, rawBurst, requests, voters, participants, queued);
    }

    // Hidden messages are counted too; the scenario's host folds no ballot while it runs, so the count only grows.
    private async Task<int> QueuedAsync(CancellationToken cancellationToken) =>
        (await pending.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
}
