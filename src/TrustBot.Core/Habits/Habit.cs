namespace TrustBot.Core.Habits;

/// <summary>One small leader habit from the library, offered in a weekly nudge.</summary>
/// <param name="Id">Stable kebab-case id, kept in nudge history and card data.</param>
/// <param name="Strategy">The strategy it belongs to (one of <see cref="HabitStrategies.All"/>).</param>
/// <param name="Dimensions">The one to three check-in dimensions it strengthens.</param>
/// <param name="Title">A short title for the nudge card.</param>
/// <param name="Action">One concrete thing the leader can do this week.</param>
/// <param name="Why">Why it works, in plain words.</param>
/// <param name="Minutes">Roughly how long it takes.</param>
public sealed record Habit(
    string Id,
    string Strategy,
    IReadOnlyList<string> Dimensions,
    string Title,
    string Action,
    string Why,
    int Minutes);
