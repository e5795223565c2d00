using TrustBot.Core.Nudges;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Retention;

/// <summary>
/// Recognises an installation's rows in the operational tables (Leases, Idempotency, DeadLetters), whose RowKey is
/// an escaped lease resource or idempotency key. Those keys name the team and often a leader:
/// <c>nudge:{tenant}:{team}:nudge|{leader}:{time}</c>, <c>digest:{tenant}:{team}:…:{leader}</c>,
/// <c>occurrence:{tenant}:{team}:…</c>, <c>send:</c> + any of these. Two kinds name only an id of the team's:
/// <c>nudge-remind:{nudge id}</c> and <c>reminder:{check-in id}:{hash}</c>.
/// </summary>
/// <remarks>
/// <see cref="TableKeys.Escape"/> maps each character on its own, so the escaped key contains the escaped segment
/// exactly when the key contains the segment; matching never has to unescape.
/// </remarks>
internal sealed class OperationalRowMatcher
{
    private readonly string _teamSegment;
    private readonly string _teamSegmentAfterPrefix;
    private readonly HashSet<string> _nudgeSuffixes;
    private readonly List<string> _checkInParts;

    public OperationalRowMatcher(string tenantId, string key, IEnumerable<string> nudgeIds, IEnumerable<string> checkInIds)
    {
        _teamSegment = TableKeys.Escape(tenantId + ":" + key + ":");
        _teamSegmentAfterPrefix = ":" + _teamSegment;
        _nudgeSuffixes = nudgeIds.Select(id => TableKeys.Escape(NudgeActionHandler.RemindKeyPrefix + id)).ToHashSet(StringComparer.Ordinal);
        _checkInParts = checkInIds.Select(id => ":" + TableKeys.Escape(id) + ":").ToList();
    }

    public bool Matches(string rowKey) =>
        rowKey.StartsWith(_teamSegment, StringComparison.Ordinal)
        || rowKey.Contains(_teamSegmentAfterPrefix, StringComparison.Ordinal)
        || _nudgeSuffixes.Any(suffix => rowKey.EndsWith(suffix, StringComparison.Ordinal))
        || (rowKey.Contains("reminder:", StringComparison.Ordinal) && _checkInParts.Any(part => rowKey.Contains(part, StringComparison.Ordinal)));
}
