namespace TrustBot.Core.Questions;

/// <summary>The results of a check-in that passed the anonymity threshold. See <see cref="CheckInScoring.Results"/>.</summary>
/// <param name="Replies">Distinct people who took part.</param>
/// <param name="Statements">Per statement, in the order asked; statements with fewer answers than the threshold are left out.</param>
/// <param name="Dimensions">Dimension → mean score of its statements here.</param>
/// <param name="SafetyIndex">Mean of the psychological-safety dimensions present, or null when none is.</param>
/// <param name="TrustIndex">Mean of the trust dimensions present, or null when none is.</param>
public sealed record CheckInResults(
    int Replies,
    IReadOnlyList<StatementResult> Statements,
    IReadOnlyDictionary<string, double> Dimensions,
    double? SafetyIndex,
    double? TrustIndex);
