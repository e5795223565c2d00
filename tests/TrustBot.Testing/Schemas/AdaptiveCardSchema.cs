using System.Text;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace TrustBot.Testing.Schemas;

/// <summary>
/// Checks a card the way Teams would take it: valid against the official Adaptive Cards 1.5 schema (with Teams'
/// <c>msteams</c> property allowed) and within Teams' message size limit.
/// </summary>
public static class AdaptiveCardSchema
{
    /// <summary>Teams refuses a message over about 28 KB; a card alone must not reach that.</summary>
    public const int MaxCardBytes = 28 * 1024;

    /// <summary>The sha256 of the committed schema copy, as its README states; a test holds the file to it.</summary>
    public const string SchemaSha256 = "32c91fb285180a266a55b3475dd0396e63fe079311714d3a14963b41f5e17920";

    private static readonly Lazy<Task<JsonSchema>> Schema = new(
        () => SchemaLoader.LoadAsync(SchemaPath, allowMsTeams: true),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lock ValidationLock = new();

    /// <summary>
    /// The hand-kept copy of the official 1.5 schema in this repository (no npm or NuGet package ships it; see the
    /// README beside it).
    /// </summary>
    public static string SchemaPath =>
        Path.Combine(RepoPaths.RepoRoot, "tests", "TrustBot.Testing", "Schemas", "AdaptiveCards", "adaptive-card-1.5.json");

    /// <summary>
    /// Returns the top-level schema errors only, plus <see cref="CardProblem.TooLarge"/> for an oversized card: every
    /// element is an <c>anyOf</c> over all element types, so one bad element carries a child error per alternative,
    /// which is noise in an assertion message.
    /// </summary>
    public static async Task<IReadOnlyList<CardProblem>> ValidateAsync(JsonNode card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var schema = await Schema.Value;
        var json = card.ToJsonString();

        List<CardProblem> problems;

        // Validation walks lazily resolved references; one at a time keeps parallel test classes safe.
        lock (ValidationLock)
        {
            problems = schema.Validate(json).Select(e => new CardProblem(e.Kind.ToString(), e.Path ?? "#")).ToList();
        }

        if (Encoding.UTF8.GetByteCount(json) > MaxCardBytes)
        {
            problems.Add(new CardProblem(CardProblem.TooLarge, "#"));
        }

        return problems;
    }

    /// <summary>Formats problems as <c>Kind at Path</c> lines, for assertion messages.</summary>
    public static string Describe(IEnumerable<CardProblem> problems) => string.Join(Environment.NewLine, problems);
}
