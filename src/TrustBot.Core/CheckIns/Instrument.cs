using System.Globalization;
using System.Text.Json;

namespace TrustBot.Core.CheckIns;

/// <summary>The built-in check-in instrument: the agreement scale and the eleven statements of <c>instrument.json</c>.</summary>
public sealed class Instrument
{
    /// <summary>The index of Edmondson's seven team psychological-safety statements.</summary>
    public const string PsychologicalSafetyIndex = "psychological-safety";

    /// <summary>The index of Feltman's four trust distinctions, asked about the team lead.</summary>
    public const string TrustIndex = "trust";

    private static readonly Lazy<Instrument> LazyDefault = new(
        () => Parse(EmbeddedResource.ReadText(".CheckIns.instrument.json")),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, Statement> _byId;

    private Instrument(AgreementScale scale, IReadOnlyList<Statement> statements)
    {
        Scale = scale;
        Statements = statements;
        _byId = statements.ToDictionary(statement => statement.Id, StringComparer.Ordinal);
    }

    /// <summary>The instrument shipped with TrustBot.</summary>
    public static Instrument Default => LazyDefault.Value;

    public IReadOnlyList<Statement> Statements { get; }

    public AgreementScale Scale { get; }

    /// <summary>The statement with this id (ordinal match), or null.</summary>
    public Statement? Find(string id) => id is not null && _byId.TryGetValue(id, out var statement) ? statement : null;

    internal static Instrument Parse(string json)
    {
        using var document = StatementJson.Parse(json, "instrument");
        var root = document.RootElement;
        var scale = ReadScale(root);
        if (!root.TryGetProperty("statements", out var array))
        {
            throw new ArgumentException("The instrument needs a \"statements\" array.", nameof(json));
        }

        var statements = StatementJson.ReadArray(array, "instrument's \"statements\"");
        var duplicate = statements.GroupBy(s => s.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The instrument has the statement id '{duplicate.Key}' more than once.", nameof(json));
        }

        return new Instrument(scale, statements);
    }

    private static AgreementScale ReadScale(JsonElement root)
    {
        if (!root.TryGetProperty("scale", out var scale)
            || !scale.TryGetProperty("points", out var points)
            || !points.TryGetInt32(out var count)
            || count != AgreementScale.Points
            || !scale.TryGetProperty("labels", out var labels)
            || labels.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"The instrument needs a \"scale\" with \"points\": {AgreementScale.Points} and \"labels\" \"1\"..\"{AgreementScale.Points}\".");
        }

        var texts = new List<string>();
        for (var value = 1; value <= AgreementScale.Points; value++)
        {
            var key = value.ToString(CultureInfo.InvariantCulture);
            if (!labels.TryGetProperty(key, out var label) || label.ValueKind != JsonValueKind.String)
            {
                throw new ArgumentException($"The instrument's scale has no label for point {key}.");
            }

            texts.Add(label.GetString()!);
        }

        return new AgreementScale(texts);
    }
}
