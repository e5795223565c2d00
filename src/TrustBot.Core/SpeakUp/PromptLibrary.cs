using System.Text.Json;
using TrustBot.Core.Questions;

namespace TrustBot.Core.SpeakUp;

/// <summary>The speak-up prompts of <c>speakup-prompts.json</c>, and which one a team gets next.</summary>
public sealed class PromptLibrary
{
    private static readonly Lazy<PromptLibrary> LazyDefault = new(
        () => Parse(EmbeddedResource.ReadText(".SpeakUp.speakup-prompts.json")),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, SpeakUpPrompt> _byId;

    private PromptLibrary(IReadOnlyList<SpeakUpPrompt> prompts)
    {
        Prompts = prompts;
        Strategies = [.. prompts.Select(p => p.Strategy).Distinct(StringComparer.Ordinal)];
        _byId = prompts.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    /// <summary>The prompts shipped with TrustBot.</summary>
    public static PromptLibrary Default => LazyDefault.Value;

    public IReadOnlyList<SpeakUpPrompt> Prompts { get; }

    /// <summary>The distinct strategies, in file order.</summary>
    public IReadOnlyList<string> Strategies { get; }

    /// <summary>The prompt with this id (ordinal match), or null.</summary>
    public SpeakUpPrompt? Find(string id) => id is not null && _byId.TryGetValue(id, out var prompt) ? prompt : null;

    /// <summary>
    /// The prompt for the team's session number <paramref name="sessionNumber"/> (0, 1, 2, …): the team's
    /// <see cref="Sequence"/>, walked in order and repeated, so every prompt comes once before any comes again.
    /// </summary>
    public SpeakUpPrompt Pick(string installationKey, int sessionNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sessionNumber);
        var sequence = Sequence(installationKey);
        return sequence[sessionNumber % sequence.Count];
    }

    /// <summary>
    /// The team's own order of all prompts: round-robin over the strategies (most prompts first, ties in a per-team
    /// order), taking each strategy's prompts in a per-team order. Within and between rounds the strategy changes each
    /// time, also when the sequence wraps, as long as at least two strategies share the largest number of prompts.
    /// </summary>
    public IReadOnlyList<SpeakUpPrompt> Sequence(string installationKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(installationKey);
        var queues = Prompts
            .GroupBy(p => p.Strategy, StringComparer.Ordinal)
            .Select(g => new
            {
                Strategy = g.Key,
                Prompts = StableOrder.Shuffle(g, installationKey, p => p.Id),
            })
            .OrderByDescending(g => g.Prompts.Count)
            .ThenBy(g => StableOrder.Key(installationKey, "strategy:" + g.Strategy))
            .ThenBy(g => g.Strategy, StringComparer.Ordinal)
            .ToList();

        var sequence = new List<SpeakUpPrompt>(Prompts.Count);
        for (var round = 0; sequence.Count < Prompts.Count; round++)
        {
            sequence.AddRange(queues.Where(q => round < q.Prompts.Count).Select(q => q.Prompts[round]));
        }

        return sequence;
    }

    internal static PromptLibrary Parse(string json)
    {
        using var document = StatementJson.Parse(json, "speak-up prompt list");
        if (!document.RootElement.TryGetProperty("prompts", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new ArgumentException("The speak-up prompt list needs a \"prompts\" array.", nameof(json));
        }

        var prompts = new List<SpeakUpPrompt>();
        foreach (var element in array.EnumerateArray())
        {
            var position = prompts.Count + 1;
            prompts.Add(new SpeakUpPrompt(
                Required(element, "id", position),
                Required(element, "strategy", position),
                Required(element, "text", position)));
        }

        if (prompts.Count == 0)
        {
            throw new ArgumentException("The speak-up prompt list is empty.", nameof(json));
        }

        var duplicate = prompts.GroupBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The speak-up prompt id '{duplicate.Key}' is used more than once.", nameof(json));
        }

        return new PromptLibrary(prompts);
    }

    private static string Required(JsonElement element, string name, int position)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty(name, out var value)
            || value.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw new ArgumentException($"Speak-up prompt {position} needs a non-empty \"{name}\".");
        }

        return value.GetString()!.Trim();
    }
}
