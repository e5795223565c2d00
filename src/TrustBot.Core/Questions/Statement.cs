namespace TrustBot.Core.Questions;

/// <summary>One check-in statement, answered on its <see cref="Scale"/> (the 7-point agreement scale unless the instrument data names another).</summary>
/// <param name="Id">Stable id, used in card data and counts.</param>
/// <param name="Index">The index it contributes to: <c>psychological-safety</c>, <c>trust</c>, or a team's own.</param>
/// <param name="Dimension">The dimension it measures; a dimension's score is the mean of its statements.</param>
/// <param name="Reverse">Agreement means less safety: on an n-point scale the answer counts as n + 1 − x.</param>
/// <param name="Label">A short label for results and digests.</param>
/// <param name="Text">The statement as members read it.</param>
public sealed record Statement(string Id, string Index, string Dimension, bool Reverse, string Label, string Text)
{
    // Null means the agreement scale; resolved on read so the instrument can build its statements before it exists.
    private readonly AnswerScale? _scale;

    /// <summary>The scale it is answered on; its range, labels, parsing and scoring all come from here.</summary>
    public AnswerScale Scale
    {
        get => _scale ?? AnswerScale.Agreement;
        init => _scale = value;
    }
}
