using System.Globalization;
using System.Text.Json;
using TrustBot.Core.Anonymity;

namespace TrustBot.Core.Questions;

/// <summary>
/// The built-in check-in instrument: the agreement scale (<c>"scale"</c>), any other answer scales a statement may
/// name (<c>"scales"</c>: kind → points and labels), and the eleven statements of <c>instrument.json</c>.
/// </summary>
public sealed class Instrument
{
    /// <summary>The index of Edmondson's seven team psychological-safety statements.</summary>
    public const string PsychologicalSafetyIndex = "psychological-safety";

    /// <summary>The index of Feltman's four trust distinctions, asked about the team lead.</summary>
    public const string TrustIndex = "trust";

    // The agreement scale's labels are in the data, but its seven points are what existing counts were given on.
    private const int AgreementPoints = 7;

    private static readonly Lazy<Instrument> LazyDefault = new(
        () => Parse(EmbeddedResource.ReadText(".Questions.instrument.json")),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, Statement> _byId;

    private Instrument(AnswerScale scale, IReadOnlyDictionary<string, AnswerScale> scales, IReadOnlyList<Statement> statements)
    {
        Scale = scale;
        Scales = scales;
        Statements = statements;
        _byId = statements.ToDictionary(statement => statement.Id, StringComparer.Ordinal);
    }

    /// <summary>The instrument shipped with TrustBot.</summary>
    public static Instrument Default => LazyDefault.Value;

    public IReadOnlyList<Statement> Statements { get; }

    /// <summary>The agreement scale, which a statement is answered on unless it names another kind.</summary>
    public AnswerScale Scale { get; }

    /// <summary>The other scale kinds statements may name (the agreement scale is not among them).</summary>
    public IReadOnlyDictionary<string, AnswerScale> Scales { get; }

    /// <summary>The statement with this id (ordinal match), or null.</summary>
    public Statement? Find(string id) => id is not null && _byId.TryGetValue(id, out var statement) ? statement : null;

    internal static Instrument Parse(string json)
    {
        using var document = StatementJson.Parse(json, "instrument");
        var root = document.RootElement;
        var scale = ReadScale(root.TryGetProperty("scale", out var agreement) ? agreement : default, AnswerScale.AgreementKind, AgreementPoints);
        var scales = ReadScales(root);
        if (!root.TryGetProperty("statements", out var array))
        {
            throw new ArgumentException("The instrument needs a \"statements\" array.", nameof(json));
        }

        var statements = StatementJson.ReadArray(array, "instrument's \"statements\"", scales);
        var duplicate = statements.GroupBy(s => s.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The instrument has the statement id '{duplicate.Key}' more than once.", nameof(json));
        }

        return new Instrument(scale, scales, statements);
    }

    private static Dictionary<string, AnswerScale> ReadScales(JsonElement root)
    {
        var scales = new Dictionary<string, AnswerScale>(StringComparer.Ordinal);
        if (!root.TryGetProperty("scales", out var kinds) || kinds.ValueKind == JsonValueKind.Null)
        {
            return scales;
        }

        if (kinds.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("The instrument's \"scales\" must be an object of scale kind → scale.");
        }

        foreach (var kind in kinds.EnumerateObject())
        {
            if (kind.Name == AnswerScale.AgreementKind || string.IsNullOrWhiteSpace(kind.Name))
            {
                throw new ArgumentException($"The instrument's \"scales\" cannot define '{kind.Name}'; the agreement scale is \"scale\".");
            }

            scales[kind.Name] = ReadScale(kind.Value, kind.Name, expectedPoints: null);
        }

        return scales;
    }

    /// <summary>A scale object: <c>"points"</c> and <c>"labels"</c> "1".."points"; the agreement scale must have exactly seven.</summary>
    private static AnswerScale ReadScale(JsonElement scale, string kind, int? expectedPoints)
    {
        if (scale.ValueKind != JsonValueKind.Object
            || !scale.TryGetProperty("points", out var points)
            || !points.TryGetInt32(out var count)
            || count < AnswerScale.MinPoints || count > BallotTerms.MaxPoints
            || (expectedPoints is { } expected && count != expected)
            || !scale.TryGetProperty("labels", out var labels)
            || labels.ValueKind != JsonValueKind.Object)
        {
            var range = expectedPoints is { } exact
                ? exact.ToString(CultureInfo.InvariantCulture)
                : $"{AnswerScale.MinPoints}..{BallotTerms.MaxPoints}";
            throw new ArgumentException($"The instrument's scale '{kind}' needs \"points\": {range} and \"labels\" \"1\"..\"points\".");
        }

        var texts = new List<string>();
        for (var value = 1; value <= count; value++)
        {
            var key = value.ToString(CultureInfo.InvariantCulture);
            if (!labels.TryGetProperty(key, out var label) || label.ValueKind != JsonValueKind.String)
            {
                throw new ArgumentException($"The instrument's scale '{kind}' has no label for point {key}.");
            }

            texts.Add(label.GetString()!);
        }

        return new AnswerScale(kind, texts);
    }
}
