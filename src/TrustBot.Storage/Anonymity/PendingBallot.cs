using TrustBot.Core.Anonymity;

namespace TrustBot.Storage.Anonymity;

/// <summary>
/// A cast ballot waiting in the pending queue for its fold. It names its box and its answers, never the person:
/// nothing in it, or in the participation row written just before it, points at the other.
/// </summary>
/// <param name="BallotId">A random id of this ballot alone (not of its person), so a send the client repeated after a lost response is counted once.</param>
/// <param name="TenantId">The box's tenant.</param>
/// <param name="BallotBoxId">The check-in (or speak-up prompt) it belongs to.</param>
/// <param name="MinGroup">The box's threshold k: while the box is open, fewer ballots than this are never folded together.</param>
/// <param name="ClosesAt">When the box closes; from then on the rest is folded whatever its number.</param>
/// <param name="Answers">Statement id → answer 1..n of its scale; empty for a speak-up prompt.</param>
/// <param name="Points">
/// Statement id → the points n of its scale, so the fold keeps n counters for it; absent in ballots sent before scales
/// had kinds, which were all on the 7-point scale (<see cref="BallotTerms.DefaultPoints"/>).
/// </param>
internal sealed record PendingBallot(
    string BallotId, string TenantId, string BallotBoxId, int MinGroup, DateTimeOffset ClosesAt, Dictionary<string, int> Answers,
    Dictionary<string, int>? Points = null)
{
    /// <summary>The points of <paramref name="statementId"/>'s scale.</summary>
    public int PointsOf(string statementId) =>
        Points is not null && Points.TryGetValue(statementId, out var points) ? points : BallotTerms.DefaultPoints;

    /// <summary>Every answer is a point of its statement's scale, and no scale exceeds what storage keeps counters for.</summary>
    public bool AnswersFitTheirScales() =>
        Answers.All(a => PointsOf(a.Key) is >= 1 and <= BallotRows.MaxAnswer && a.Value >= BallotRows.MinAnswer && a.Value <= PointsOf(a.Key));
}
