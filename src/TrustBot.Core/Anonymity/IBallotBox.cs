namespace TrustBot.Core.Anonymity;

/// <summary>
/// Anonymous ballots: a participation record that is only a keyed hash, answers that wait where nobody can read them
/// and are then folded into aggregate counts several at a time. No row ever holds both a participation hash and an
/// answer, no user id is ever stored, and no counter changes when a person votes.
/// A ballot box is a check-in, or a speak-up prompt (counting distinct people, with no answers).
/// </summary>
public interface IBallotBox
{
    /// <summary>
    /// Records participation and stores <paramref name="answers"/> (statement id → 1..n of its scale, whose points <paramref name="terms"/> give) durably for the next fold,
    /// under <paramref name="terms"/>; <see cref="BallotOutcome.AlreadyCast"/> (and nothing written) when this hash
    /// already took part. When it returns <see cref="BallotOutcome.Counted"/> the ballot will be counted exactly once.
    /// </summary>
    Task<BallotOutcome> CastAsync(
        string tenantId, string ballotBoxId, string participationHash, IReadOnlyDictionary<string, int> answers, BallotTerms terms, CancellationToken cancellationToken);

    /// <summary>Whether this participation hash has taken part.</summary>
    Task<bool> HasParticipatedAsync(string tenantId, string ballotBoxId, string participationHash, CancellationToken cancellationToken);

    /// <summary>How many people took part, folded or not (a count carries no answer).</summary>
    Task<int> CountParticipantsAsync(string tenantId, string ballotBoxId, CancellationToken cancellationToken);

    /// <summary>The published aggregate: every ballot folded so far, and none that still waits.</summary>
    Task<Tally> GetTallyAsync(string tenantId, string ballotBoxId, CancellationToken cancellationToken);
}
