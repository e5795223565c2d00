namespace TrustBot.Core.Digests;

/// <summary>
/// What one leader's weekly digest shows. Every number in it came through <see cref="Questions.CheckInScoring.Results"/>
/// (see <see cref="DigestBuilder"/>), so nothing below the threshold k is ever here.
/// </summary>
/// <param name="TeamKey">The team the digest is about.</param>
/// <param name="TeamLabel">The team's name for people.</param>
/// <param name="AsOf">The instant the digest describes; its week ends here.</param>
/// <param name="CheckIn">The latest closed check-in, or null when the team has none yet.</param>
/// <param name="Notes">The anonymous notes released in the week (in groups of at least k), by prompt.</param>
/// <param name="Perception">The leader's prediction beside the actual score, when both exist and the prediction counts.</param>
/// <param name="LatePrediction">
/// Whether the leader also (or only) predicted this check-in's score after its results were visible or it closed; such
/// a guess is left out of <paramref name="Perception"/>, and the card says so.
/// </param>
public sealed record Digest(
    string TeamKey,
    string TeamLabel,
    DateTimeOffset AsOf,
    DigestCheckIn? CheckIn,
    IReadOnlyList<DigestNoteGroup> Notes,
    PerceptionGap? Perception,
    bool LatePrediction);
