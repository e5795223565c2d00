using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Questions;

namespace TrustBot.Core.Digests;

/// <summary>Everything <see cref="DigestBuilder"/> needs, gathered by the caller.</summary>
public sealed record DigestInputs
{
    public required string TeamKey { get; init; }

    public required string TeamLabel { get; init; }

    public required DateTimeOffset AsOf { get; init; }

    /// <summary>The statements the team can be asked (built-in and its own).</summary>
    public required StatementCatalog Catalog { get; init; }

    /// <summary>The latest check-in that has stopped taking answers, and its tally.</summary>
    public (CheckIn CheckIn, Tally Tally)? Latest { get; init; }

    /// <summary>The closed check-in before <see cref="Latest"/>, and its tally, for trends.</summary>
    public (CheckIn CheckIn, Tally Tally)? Previous { get; init; }

    /// <summary>How many people the team has, or null when the roster could not be read.</summary>
    public int? RosterSize { get; init; }

    /// <summary>Speak-up sessions with notes released within the digest's week, each with those notes only.</summary>
    public IReadOnlyList<SessionNotes> Sessions { get; init; } = [];

    /// <summary>
    /// The leader's predictions for <see cref="Latest"/>, newest first; older ones than the newest that counts
    /// (<see cref="PredictionRule.Counts"/>) may be left out, since they are never compared.
    /// </summary>
    public IReadOnlyList<Prediction> Predictions { get; init; } = [];
}
