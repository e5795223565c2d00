namespace TrustBot.Core.CheckIns;

/// <summary>One check-in statement, answered on the 7-point agreement scale.</summary>
/// <param name="Id">Stable id, used in card data and counts.</param>
/// <param name="Index">The index it contributes to: <c>psychological-safety</c>, <c>trust</c>, or a team's own.</param>
/// <param name="Dimension">The dimension it measures; a dimension's score is the mean of its statements.</param>
/// <param name="Reverse">Agreement means less safety: the answer counts as 8 − x.</param>
/// <param name="Label">A short label for results and digests.</param>
/// <param name="Text">The statement as members read it.</param>
public sealed record Statement(string Id, string Index, string Dimension, bool Reverse, string Label, string Text);
