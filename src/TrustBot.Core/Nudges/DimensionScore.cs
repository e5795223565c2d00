namespace TrustBot.Core.Nudges;

/// <summary>A team's score on one dimension from results that already passed the anonymity threshold.</summary>
public sealed record DimensionScore(string Dimension, double Score, int Answers);
