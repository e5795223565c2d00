namespace TrustBot.Core.Digests;

/// <summary>An index score (the mean of its dimensions present) and its change since the previous check-in.</summary>
/// <param name="Index">The index id (<c>psychological-safety</c> or <c>trust</c>).</param>
/// <param name="Score">0–100.</param>
/// <param name="Change">Score minus the previous check-in's, when both passed the threshold and had the index.</param>
public sealed record IndexTrend(string Index, double Score, double? Change);
