namespace TrustBot.Core.Anonymity;

/// <summary>
/// The only step that changes counters: it takes the ballots that have come due, and per ballot box folds them into
/// the counts in one go when there are at least the box's k of them (or the box has closed); fewer wait for the next
/// fold. Safe to repeat and to run on several instances: a ballot is counted once however often a fold is cut off.
/// </summary>
public interface IBallotFolder
{
    /// <summary>Folds every ballot that has come due; returns the boxes whose counts changed.</summary>
    Task<IReadOnlyList<FoldedBallots>> FoldDueAsync(CancellationToken cancellationToken);
}
