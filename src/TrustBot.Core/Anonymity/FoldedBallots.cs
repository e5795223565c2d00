namespace TrustBot.Core.Anonymity;

/// <summary>One ballot box's counts changed by <paramref name="Ballots"/> ballots in one fold.</summary>
public sealed record FoldedBallots(string TenantId, string BallotBoxId, int Ballots);
