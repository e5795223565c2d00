using System.Text.Json;

namespace TrustBot.Core.Questions;

/// <summary>Reads statements in the shape of <c>instrument.json</c>, with messages a team admin can act on.</summary>
internal static class StatementJson
{
    public static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    public static JsonDocument Parse(string json, string what)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The {what} is not valid JSON: {ex.Message}", nameof(json), ex);
        }
    }

    /// <param name="scales">The scale kinds a statement may name besides the agreement scale (its default).</param>
    public static IReadOnlyList<Statement> ReadArray(JsonElement array, string what, IReadOnlyDictionary<string, AnswerScale> scales)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new ArgumentException($"The {what} must be a JSON array of statements.");
        }

        var statements = new List<Statement>();
        var position = 0;
        foreach (var element in array.EnumerateArray())
        {
            position++;
            statements.Add(Read(element, position, scales));
        }

        return statements;
    }

    public static Statement Read(JsonElement element, int position, IReadOnlyDictionary<string, AnswerScale> scales)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"Statement {position} must be a JSON object.");
        }

        var id = RequiredString(element, "id", position);
        var statement = new Statement(
            id,
            RequiredString(element, "index", position),
            RequiredString(element, "dimension", position),
            OptionalBoolean(element, "reverse", position),
            RequiredString(element, "label", position),
            RequiredString(element, "text", position));
        return OptionalScale(element, position, scales) is { } scale ? statement with { Scale = scale } : statement;
    }

    /// <summary>The scale named by "scale", or null (the agreement scale) when it names none or the agreement scale.</summary>
    private static AnswerScale? OptionalScale(JsonElement element, int position, IReadOnlyDictionary<string, AnswerScale> scales)
    {
        if (!element.TryGetProperty("scale", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var kind = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : null;
        if (kind == AnswerScale.AgreementKind)
        {
            return null;
        }

        return kind is not null && scales.TryGetValue(kind, out var scale)
            ? scale
            : throw new ArgumentException($"Statement {position} names a \"scale\" that is not one of: {string.Join(", ", [AnswerScale.AgreementKind, .. scales.Keys.Order(StringComparer.Ordinal)])}.");
    }

    private static string RequiredString(JsonElement element, string name, int position)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw new ArgumentException($"Statement {position} needs \"{name}\" as a string.");
        }

        return value.GetString()!.Trim();
    }

    private static bool OptionalBoolean(JsonElement element, string name, int position)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new ArgumentException($"Statement {position} has \"{name}\" that is not true or false."),
        };
    }
}
