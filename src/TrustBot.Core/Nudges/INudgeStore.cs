namespace TrustBot.Core.Nudges;

/// <summary>The nudges sent to each leader. Every key starts with the tenant id.</summary>
public interface INudgeStore
{
    /// <summary>Creates the record, or replaces the one with the same nudge id (its <see cref="NudgeRecord.SentAt"/> must not change).</summary>
    Task SaveAsync(NudgeRecord record, CancellationToken cancellationToken);

    /// <summary>The leader's nudge with this id, or null.</summary>
    Task<NudgeRecord?> GetAsync(string tenantId, string teamKey, string leaderUserId, string nudgeId, CancellationToken cancellationToken);

    /// <summary>
    /// The leader's nudges sent at or after <paramref name="since"/>, plus every nudge ever marked Not for me (that
    /// answer holds forever), newest first.
    /// </summary>
    Task<IReadOnlyList<NudgeRecord>> ListForLeaderAsync(
        string tenantId, string teamKey, string leaderUserId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Records the leader's answer; false when there is no such nudge.</summary>
    Task<bool> SetResponseAsync(
        string tenantId,
        string teamKey,
        string leaderUserId,
        string nudgeId,
        NudgeResponse response,
        DateTimeOffset respondedAt,
        CancellationToken cancellationToken);
}
