namespace TrustBot.Core.Digests;

/// <summary>The leader's prediction beside the team's actual score on the index it was compared with.</summary>
/// <param name="Index">The index compared: psychological safety, or trust when the check-in asked no safety statement.</param>
/// <param name="Predicted">The leader's guess, 0–100.</param>
/// <param name="Actual">The team's score, 0–100.</param>
public sealed record PerceptionGap(string Index, int Predicted, double Actual);
