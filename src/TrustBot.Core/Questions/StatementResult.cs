namespace TrustBot.Core.Questions;

/// <summary>The aggregate of one statement, only ever built once the anonymity threshold is met.</summary>
/// <param name="Statement">The statement.</param>
/// <param name="Distribution">One count per point of the statement's scale, for the answers 1..n exactly as people gave them (not reversed).</param>
/// <param name="Answers">How many people answered it.</param>
/// <param name="Score">0–100, with reverse-scored statements already turned around, so higher is always better.</param>
public sealed record StatementResult(Statement Statement, IReadOnlyList<int> Distribution, int Answers, double Score);
