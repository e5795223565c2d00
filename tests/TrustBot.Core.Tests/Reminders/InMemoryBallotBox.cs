using TrustBot.Core.Anonymity;

namespace TrustBot.Core.Tests.Reminders;

/// <summary>Participation hashes only, as the real ballot box keeps them; the counts are not needed here.</summary>
internal sealed class InMemoryBallotBox : IBallotBox
{
    private readonly HashSet<(string TenantId, string BoxId, string Hash)> _participation = [];

    public Task<BallotOutcome> CastAsync(string tenantId, string ballotBoxId, string participationHash, IReadOnlyDictionary<string, int> answers, BallotTerms terms, CancellationToken cancellationToken) =>
        Task.FromResult(_participation.Add((tenantId, ballotBoxId, participationHash)) ? BallotOutcome.Counted : BallotOutcome.AlreadyCast);

    public Task<bool> HasParticipatedAsync(string tenantId, string ballotBoxId, string participationHash, CancellationToken cancellationToken) =>
        Task.FromResult(_participation.Contains((tenantId, ballotBoxId, participationHash)));

    public Task<int> CountParticipantsAsync(string tenantId, string ballotBoxId, CancellationToken cancellationToken) =>
        Task.FromResult(_participation.Count(p => p.TenantId == tenantId && p.BoxId == ballotBoxId));

    public Task<Tally> GetTallyAsync(string tenantId, string ballotBoxId, CancellationToken cancellationToken) =>
        Task.FromResult(new Tally(_participation.Count(p => p.TenantId == tenantId && p.BoxId == ballotBoxId), new Dictionary<string, int[]>()));
}
