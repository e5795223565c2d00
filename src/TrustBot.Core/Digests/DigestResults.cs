namespace TrustBot.Core.Digests;

/// <summary>The numbers of a check-in that passed the threshold.</summary>
/// <param name="Replies">Distinct people who answered (at least k).</param>
/// <param name="ParticipationPercent">Replies as a percent of the team's roster, or null when the roster size is unknown.</param>
/// <param name="Dimensions">Each dimension asked, in the order asked.</param>
/// <param name="Safety">The psychological-safety index, when the check-in asked any of its statements.</param>
/// <param name="Trust">The trust index, when the check-in asked any of its statements.</param>
public sealed record DigestResults(
    int Replies,
    int? ParticipationPercent,
    IReadOnlyList<DimensionTrend> Dimensions,
    IndexTrend? Safety,
    IndexTrend? Trust);
