using System.Text.RegularExpressions;

namespace TrustBot.Core.Questions;

/// <summary>
/// The statements a team can be asked: the built-in instrument plus the team's own. Custom statements are data,
/// validated here so a bad one is refused with a clear message before it reaches a card or a count.
/// </summary>
public sealed partial class StatementCatalog
{
    /// <summary>Every custom statement id starts with this, so it can never shadow a built-in one.</summary>
    public const string CustomPrefix = "custom-";

    public const int MaxIdLength = 64;

    public const int MaxLabelLength = 40;

    public const int MaxTextLength = 200;

    private static readonly Lazy<StatementCatalog> LazyDefault = new(
        () => new StatementCatalog(Instrument.Default.Statements),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, Statement> _byId;

    private StatementCatalog(IReadOnlyList<Statement> statements)
    {
        Statements = statements;
        _byId = statements.ToDictionary(statement => statement.Id, StringComparer.Ordinal);
    }

    /// <summary>The built-in statements only.</summary>
    public static StatementCatalog Default => LazyDefault.Value;

    /// <summary>Built-in statements first, then custom ones in the order they were added.</summary>
    public IReadOnlyList<Statement> Statements { get; }

    /// <summary>The statement with this id (ordinal match), or null.</summary>
    public Statement? Find(string id) => id is not null && _byId.TryGetValue(id, out var statement) ? statement : null;

    /// <summary>A catalog of <paramref name="instrument"/>'s statements, for instrument data other than the shipped one.</summary>
    internal static StatementCatalog Of(Instrument instrument) => new(instrument.Statements);

    /// <summary>The statements with these ids, in the given order; ids the catalog does not know are left out.</summary>
    public IReadOnlyList<Statement> Resolve(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return [.. ids.Select(Find).OfType<Statement>()];
    }

    /// <summary>
    /// A new catalog with <paramref name="custom"/> added after this one's statements.
    /// A custom statement needs an id <c>custom-…</c> (lower-case letters, digits and hyphens), unique in the catalog;
    /// a non-empty index, dimension, label (at most 40 characters) and text (at most 200). It may join a built-in index
    /// only through one of that index's dimensions, so the psychological-safety and trust indices stay comparable,
    /// and a dimension belongs to exactly one index.
    /// </summary>
    /// <exception cref="ArgumentException">A statement breaks one of the rules; the message says which and why.</exception>
    public StatementCatalog WithCustom(IEnumerable<Statement> custom)
    {
        ArgumentNullException.ThrowIfNull(custom);
        var added = custom.ToList();
        var all = new List<Statement>(Statements);
        var ids = new HashSet<string>(_byId.Keys, StringComparer.Ordinal);
        var indexOfDimension = Statements
            .GroupBy(s => s.Dimension, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Index, StringComparer.Ordinal);

        foreach (var statement in added)
        {
            if (statement is null)
            {
                throw new ArgumentException("A custom statement is missing (null).", nameof(custom));
            }

            Validate(statement);
            if (!ids.Add(statement.Id))
            {
                throw new ArgumentException($"The statement id '{statement.Id}' is used more than once; every id must be unique.", nameof(custom));
            }

            if (indexOfDimension.TryGetValue(statement.Dimension, out var index))
            {
                if (!string.Equals(index, statement.Index, StringComparison.Ordinal))
                {
                    throw new ArgumentException(
                        $"Statement '{statement.Id}': the dimension '{statement.Dimension}' already belongs to the index '{index}', not '{statement.Index}'.",
                        nameof(custom));
                }
            }
            else if (IsBuiltInIndex(statement.Index))
            {
                throw new ArgumentException(
                    $"Statement '{statement.Id}': the built-in index '{statement.Index}' has a fixed set of dimensions; use one of them or an index of your own.",
                    nameof(custom));
            }
            else
            {
                indexOfDimension.Add(statement.Dimension, statement.Index);
            }

            all.Add(statement);
        }

        return new StatementCatalog(all);
    }

    /// <summary>
    /// The statements a team with <paramref name="questionSet"/> is asked: the built-in indices the set names, and
    /// every statement of an index of the team's own. Custom statements that joined a built-in index go with it.
    /// </summary>
    public StatementCatalog ForQuestionSet(QuestionSet questionSet)
    {
        if (questionSet == QuestionSet.Everything)
        {
            return this;
        }

        var keptIndex = questionSet == QuestionSet.Trust ? Instrument.TrustIndex : Instrument.PsychologicalSafetyIndex;
        return new StatementCatalog([.. Statements.Where(s => !IsBuiltInIndex(s.Index) || s.Index == keptIndex)]);
    }

    /// <summary>Writes statements in the shape <see cref="ParseCustom"/> reads.</summary>
    public static string ToJson(IEnumerable<Statement> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var statement in statements)
            {
                writer.WriteStartObject();
                writer.WriteString("id", statement.Id);
                writer.WriteString("index", statement.Index);
                writer.WriteString("dimension", statement.Dimension);
                writer.WriteBoolean("reverse", statement.Reverse);
                writer.WriteString("label", statement.Label);
                writer.WriteString("text", statement.Text);
                if (statement.Scale.Kind != AnswerScale.AgreementKind)
                {
                    // Written only when it is not the default, so statements saved before scales had kinds read back the same.
                    writer.WriteString("scale", statement.Scale.Kind);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Reads a team's own statements from a JSON array in the shape of <c>instrument.json</c>'s statements
    /// (<c>id</c>, <c>index</c>, <c>dimension</c>, <c>reverse</c> (optional, default false), <c>label</c>, <c>text</c>,
    /// <c>scale</c> (optional: a scale kind of the shipped instrument, default the agreement scale)).
    /// Pass the result to <see cref="WithCustom"/>, which applies the rules.
    /// </summary>
    /// <exception cref="ArgumentException">The JSON is malformed or a statement lacks a field.</exception>
    public static IReadOnlyList<Statement> ParseCustom(string json)
    {
        using var document = StatementJson.Parse(json, "list of custom statements");
        return StatementJson.ReadArray(document.RootElement, "list of custom statements", Instrument.Default.Scales);
    }

    private static bool IsBuiltInIndex(string index) =>
        index is Instrument.PsychologicalSafetyIndex or Instrument.TrustIndex;

    private static void Validate(Statement statement)
    {
        var id = statement.Id ?? string.Empty;
        if (!id.StartsWith(CustomPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The custom statement id '{id}' must start with '{CustomPrefix}'.", nameof(statement));
        }

        if (id.Length > MaxIdLength || !CustomIdPattern().IsMatch(id))
        {
            throw new ArgumentException(
                $"The custom statement id '{id}' may only hold lower-case letters, digits and single hyphens, at most {MaxIdLength} characters.",
                nameof(statement));
        }

        RequireText(id, "index", statement.Index, MaxIdLength);
        RequireText(id, "dimension", statement.Dimension, MaxIdLength);
        RequireText(id, "label", statement.Label, MaxLabelLength);
        RequireText(id, "text", statement.Text, MaxTextLength);
    }

    private static void RequireText(string id, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"Statement '{id}' needs a non-empty {field}.", nameof(value));
        }

        if (value.Length > maxLength)
        {
            throw new ArgumentException($"Statement '{id}': the {field} is {value.Length} characters long; at most {maxLength} are allowed.", nameof(value));
        }
    }

    [GeneratedRegex("^custom-[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex CustomIdPattern();
}
