namespace TrustBot.Storage.Tests.Retention;

/// <summary>A team seeded by <see cref="RetentionTestStorage.SeedTeamAsync"/> and the ids of what it owns.</summary>
internal sealed class SeededTeam(string tenantId, string teamKey)
{
    public string TenantId { get; } = tenantId;

    public string TeamKey { get; } = teamKey;

    /// <summary>Check-in ids (closed first, then open), the session id, and the nudge ids.</summary>
    public List<string> ItemIds { get; } = [];

    public List<string> NoteIds { get; } = [];

    public string SessionId { get; set; } = "";
}
