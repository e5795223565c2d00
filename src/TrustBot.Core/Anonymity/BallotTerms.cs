namespace TrustBot.Core.Anonymity;

/// <summary>
/// What a waiting ballot needs to know to be folded correctly: the smallest group it may be counted in while the box is
/// open (the box's threshold k), and when the box closes (from then on, whatever is left is counted).
/// </summary>
public sealed record BallotTerms(int MinGroup, DateTimeOffset ClosesAt)
{
    /// <summary>The most points any answer scale may have: storage accepts answers 1..this and keeps as many counters.</summary>
    public const int MaxPoints = 10;

    /// <summary>The points of a statement the terms do not name: the 7-point agreement scale every ballot used before scales had kinds.</summary>
    public const int DefaultPoints = 7;

    /// <summary>
    /// Statement id → how many points its scale has, so storage keeps exactly that many counters (A1..An) for it;
    /// a statement left out counts on <see cref="DefaultPoints"/>.
    /// </summary>
    public IReadOnlyDictionary<string, int>? Points { get; init; }

    /// <summary>The points of <paramref name="statementId"/>'s scale.</summary>
    public int PointsOf(string statementId) =>
        Points is not null && Points.TryGetValue(statementId, out var points) ? points : DefaultPoints;
}
