namespace TrustBot.Core.Digests;

/// <summary>A dimension's score 0–100 with the answers behind it and its change since the previous check-in.</summary>
/// <param name="Dimension">The dimension id.</param>
/// <param name="Label">A short label for people.</param>
/// <param name="Score">0–100, higher is better.</param>
/// <param name="Answers">The answers behind the score (each of its statements had at least k).</param>
/// <param name="Change">Score minus the previous check-in's score, when that one passed the threshold and asked it too.</param>
public sealed record DimensionTrend(string Dimension, string Label, double Score, int Answers, double? Change);
