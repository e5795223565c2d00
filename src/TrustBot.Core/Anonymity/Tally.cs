namespace TrustBot.Core.Anonymity;

/// <summary>
/// The aggregate of a ballot box: how many people took part, and per statement how many answered each scale point.
/// It must never reach a person, a card or a log line while <see cref="Replies"/> is below the threshold.
/// </summary>
/// <param name="Replies">Distinct people who took part.</param>
/// <param name="Counts">Statement id → counts indexed 0..n−1 for answers 1..n, as many as storage holds for it (at most the points of its scale; the scale pads the rest with zeros).</param>
public sealed record Tally(int Replies, IReadOnlyDictionary<string, int[]> Counts)
{
    public static Tally Empty { get; } = new(0, new Dictionary<string, int[]>());
}
