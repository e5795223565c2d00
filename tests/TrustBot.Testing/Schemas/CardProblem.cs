namespace TrustBot.Testing.Schemas;

/// <summary>One reason a card would be refused: a schema error kind (or <see cref="TooLarge"/>) and where it is.</summary>
/// <param name="Kind">What is wrong, for example <c>NoAdditionalPropertiesAllowed</c>.</param>
/// <param name="Path">Where, as a JSON path like <c>#/body[2]</c>; <c>#</c> for the whole card.</param>
public sealed record CardProblem(string Kind, string Path)
{
    /// <summary>The kind for a card whose JSON is over Teams' message size limit.</summary>
    public const string TooLarge = "TooLarge";

    /// <inheritdoc />
    public override string ToString() => $"{Kind} at {Path}";
}
