using TrustBot.Core.Anonymity;

namespace TrustBot.Core.Tests.Questions.QuestionTypes;

/// <summary>
/// One ballot box in memory that keeps counters the way storage does: ballots wait until <see cref="Fold"/>, which adds
/// them to one counter per answer value, as many as the statement's scale has points (<see cref="BallotTerms.PointsOf"/>).
/// </summary>
internal sealed class FoldingBallotBox : IBallotBox
{
    private readonly HashSet<string> _participation = new(StringComparer.Ordinal);
    private readonly List<(Dictionary<string, int> Answers, BallotTerms Terms)> _pending = [];
    private readonly Dictionary<string, int[]> _counts = new(StringComparer.Ordinal);
    private int _replies;

    public Task<BallotOutcome> CastAsync(string tenantId, string ballotBoxId, string participationHash, IReadOnlyDictionary<string, int> answers, BallotTerms terms, CancellationToken cancellationToken)
    {
        if (!_participation.Add(participationHash))
        {
            return Task.FromResult(BallotOutcome.AlreadyCast);
        }

        // As the storage box: an answer outside the points the terms give its statement is refused.
        Assert.All(answers, a => Assert.InRange(a.Value, 1, terms.PointsOf(a.Key)));
        _pending.Add((new Dictionary<string, int>(answers, StringComparer.Ordinal), terms));
        return Task.FromResult(BallotOutcome.Counted);
    }

    public void Fold()
    {
        foreach (var (answers, terms) in _pending)
        {
            foreach (var (statementId, answer) in answers)
            {
                var counts = _counts.TryGetValue(statementId, out var existing) ? existing : [];
                if (counts.Length < terms.PointsOf(statementId))
                {
                    Array.Resize(ref counts, terms.PointsOf(statementId));
                }

                counts[answer - 1]++;
                _counts[statementId] = counts;
            }

            _replies++;
        }

        _pending.Clear();
    }

    public Task<bool> HasParticipatedAsync(string tenantId, string ballotBoxId, string participationHash, CancellationToken cancellationToken) =>
        Task.FromResult(_participation.Contains(participationHash));

    public Task<int> CountParticipantsAsync(string tenantId, string ballotBoxId, CancellationToken cancellationToken) =>
        Task.FromResult(_participation.Count);

    public Task<Tally> GetTallyAsync(string tenantId, string ballotBoxId, CancellationToken cancellationToken) =>
        Task.FromResult(new Tally(_replies, _counts.ToDictionary(c => c.Key, c => (int[])c.Value.Clone(), StringComparer.Ordinal)));
}
