namespace TrustBot.Core.Questions;

/// <summary>
/// Which statements a team's check-in asks. Each team has its own stable order of the catalog; check-in n asks the
/// next <c>perCheckIn</c> statements of that order, wrapping around, so any ceil(N / perCheckIn) consecutive
/// check-ins (a cycle) ask every statement, and in the long run each is asked equally often.
/// </summary>
public static class StatementRotation
{
    public const int MaxPerCheckIn = 3;

    /// <summary>The statement ids for the team's check-in number <paramref name="checkInNumber"/> (0, 1, 2, …).</summary>
    /// <param name="catalog">The team's statements.</param>
    /// <param name="installationKey">The team; seeds its order.</param>
    /// <param name="checkInNumber">How many check-ins the team had before this one.</param>
    /// <param name="perCheckIn">Statements per check-in, clamped to 1..3 (and to the catalog size).</param>
    public static IReadOnlyList<string> Pick(StatementCatalog catalog, string installationKey, int checkInNumber, int perCheckIn = MaxPerCheckIn)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(checkInNumber);
        var order = Order(catalog, installationKey);
        if (order.Count == 0)
        {
            return [];
        }

        var count = Math.Min(Math.Clamp(perCheckIn, 1, MaxPerCheckIn), order.Count);

        // long: checkInNumber × count may exceed int for a very old team.
        var start = (long)checkInNumber * count % order.Count;
        var picked = new string[count];
        for (var i = 0; i < count; i++)
        {
            picked[i] = order[(int)((start + i) % order.Count)];
        }

        return picked;
    }

    /// <summary>How many consecutive check-ins ask every statement of the catalog at least once: ceil(N / perCheckIn).</summary>
    public static int CycleLength(StatementCatalog catalog, int perCheckIn = MaxPerCheckIn)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var count = catalog.Statements.Count;
        if (count == 0)
        {
            return 0;
        }

        var per = Math.Min(Math.Clamp(perCheckIn, 1, MaxPerCheckIn), count);
        return (count + per - 1) / per;
    }

    /// <summary>The team's order of the catalog's statement ids. Adding a statement slots it in without reordering the rest.</summary>
    public static IReadOnlyList<string> Order(StatementCatalog catalog, string installationKey)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrEmpty(installationKey);
        return StableOrder.Shuffle(catalog.Statements.Select(s => s.Id), installationKey, id => id);
    }
}
