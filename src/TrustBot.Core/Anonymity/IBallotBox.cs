namespace TrustBot.Core.Anonymity;

/// <summary>
/// Anonymous ballots: a participation record that is only a keyed hash, and answer counts, written in one atomic
/// transaction. No row ever holds both a participation hash and an answer, and no user id is ever stored.
/// A ballot box is a check-in, or a speak-up prompt (counting distinct people, with no answers).
/// </summary>
public interface IBallotBox
{
    /// <summary>
    /// Records participation and adds <paramref name="answers"/> (statement id → 1..7) to the counts atomically;
    /// <see cref="BallotOutcome.AlreadyCast"/> (and nothing written) when this hash already took part.
    /// </summary>
    Task<BallotOutcome> CastAsync(string tenantId, string ballotBoxId, string participationHash, IReadOnlyDictionary<string, int> answers, CancellationToken cancellationToken);

    /// <summary>Whether this participation hash has taken part.</summary>
    Task<bool> HasParticipatedAsync(string tenantId, string ballotBoxId, string participationHash, CancellationToken cancellationToken);

    /// <summary>The current aggregate (sums all counter shards).</summary>
    Task<Tally> GetTallyAsync(string tenantId, string ballotBoxId, CancellationToken cancellationToken);
}
