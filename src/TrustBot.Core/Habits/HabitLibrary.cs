using System.Text.Json;
using TrustBot.Core.Questions;

namespace TrustBot.Core.Habits;

/// <summary>The leader habits shipped in <c>habits.json</c>, with look-ups by id, dimension and strategy.</summary>
public sealed class HabitLibrary
{
    private static readonly Lazy<HabitLibrary> LazyDefault = new(
        () => Parse(EmbeddedResource.ReadText("Habits.habits.json")),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, Habit> _byId;
    private readonly ILookup<string, Habit> _byDimension;
    private readonly ILookup<string, Habit> _byStrategy;

    private HabitLibrary(IReadOnlyList<Habit> habits)
    {
        Habits = habits;
        _byId = habits.ToDictionary(habit => habit.Id, StringComparer.Ordinal);
        _byDimension = habits
            .SelectMany(habit => habit.Dimensions.Select(dimension => (dimension, habit)))
            .ToLookup(pair => pair.dimension, pair => pair.habit, StringComparer.Ordinal);
        _byStrategy = habits.ToLookup(habit => habit.Strategy, StringComparer.Ordinal);

        // Known strategies first in their rotation order, so callers can rotate without sorting.
        Strategies = HabitStrategies.All
            .Where(_byStrategy.Contains)
            .Concat(_byStrategy.Select(group => group.Key).Where(key => !HabitStrategies.All.Contains(key)))
            .ToList();
    }

    /// <summary>The library shipped with TrustBot.</summary>
    public static HabitLibrary Default => LazyDefault.Value;

    /// <summary>Every habit, in file order.</summary>
    public IReadOnlyList<Habit> Habits { get; }

    /// <summary>The strategies that have at least one habit.</summary>
    public IReadOnlyList<string> Strategies { get; }

    /// <summary>The habit with this id (ordinal match), or null.</summary>
    public Habit? Find(string id) => id is not null && _byId.TryGetValue(id, out var habit) ? habit : null;

    /// <summary>The habits that strengthen this check-in dimension, in file order; empty when none do.</summary>
    public IReadOnlyList<Habit> ForDimension(string dimension) =>
        dimension is null ? [] : _byDimension[dimension].ToList();

    /// <summary>The habits of this strategy, in file order; empty for an unknown strategy.</summary>
    public IReadOnlyList<Habit> ForStrategy(string strategy) =>
        strategy is null ? [] : _byStrategy[strategy].ToList();

    internal static HabitLibrary Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"The habit library is not valid JSON: {exception.Message}", nameof(json), exception);
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("habits", out var array) || array.ValueKind != JsonValueKind.Array)
            {
                throw new ArgumentException("The habit library needs a \"habits\" array.", nameof(json));
            }

            var habits = array.EnumerateArray().Select(ReadHabit).ToList();
            var duplicate = habits.GroupBy(h => h.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new ArgumentException($"The habit library has the id '{duplicate.Key}' more than once.", nameof(json));
            }

            return new HabitLibrary(habits);
        }
    }

    private static Habit ReadHabit(JsonElement element)
    {
        var id = ReadString(element, "id", "(unknown)");
        if (!element.TryGetProperty("dimensions", out var dimensions)
            || dimensions.ValueKind != JsonValueKind.Array
            || dimensions.GetArrayLength() == 0
            || dimensions.EnumerateArray().Any(d => d.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(d.GetString())))
        {
            throw new ArgumentException($"The habit '{id}' needs a non-empty \"dimensions\" array of strings.");
        }

        if (!element.TryGetProperty("minutes", out var minutesElement)
            || minutesElement.ValueKind != JsonValueKind.Number
            || !minutesElement.TryGetInt32(out var minutes))
        {
            throw new ArgumentException($"The habit '{id}' needs a whole number of \"minutes\".");
        }

        return new Habit(
            id,
            ReadString(element, "strategy", id),
            dimensions.EnumerateArray().Select(d => d.GetString()!).ToList(),
            ReadString(element, "title", id),
            ReadString(element, "action", id),
            ReadString(element, "why", id),
            minutes);
    }

    private static string ReadString(JsonElement element, string name, string id)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty(name, out var value)
            || value.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw new ArgumentException($"The habit '{id}' needs a non-empty \"{name}\" string.");
        }

        return value.GetString()!;
    }
}
