namespace TrustBot.Core.Anonymity;

/// <summary>
/// What a waiting ballot needs to know to be folded correctly: the smallest group it may be counted in while the box is
/// open (the box's threshold k), and when the box closes (from then on, whatever is left is counted).
/// </summary>
public sealed record BallotTerms(int MinGroup, DateTimeOffset ClosesAt);
