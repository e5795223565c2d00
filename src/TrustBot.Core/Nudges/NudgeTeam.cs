using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;

namespace TrustBot.Core.Nudges;

/// <summary>What every due nudge of one team reads alike.</summary>
/// <param name="Installation">The team's installation, or null when there is none.</param>
/// <param name="Leaders">The team's leaders by Teams user id.</param>
/// <param name="Scores">The team's recent dimension scores (empty for a team that is not active).</param>
public sealed record NudgeTeam(Installation? Installation, IReadOnlyDictionary<string, Leader> Leaders, IReadOnlyList<DimensionScore> Scores);
