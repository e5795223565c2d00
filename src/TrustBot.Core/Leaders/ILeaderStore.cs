namespace TrustBot.Core.Leaders;

/// <summary>The leaders of each team. Every key starts with the tenant id.</summary>
public interface ILeaderStore
{
    /// <summary>Adds the leader; false (and nothing changed) when the person already leads the team.</summary>
    Task<bool> AddAsync(Leader leader, CancellationToken cancellationToken);

    /// <summary>Removes the person from the team's leaders; false when they were not a leader.</summary>
    Task<bool> RemoveAsync(string tenantId, string teamKey, string userId, CancellationToken cancellationToken);

    /// <summary>The leader, or null.</summary>
    Task<Leader?> GetAsync(string tenantId, string teamKey, string userId, CancellationToken cancellationToken);

    /// <summary>The leaders of one team.</summary>
    IAsyncEnumerable<Leader> ListForTeamAsync(string tenantId, string teamKey, CancellationToken cancellationToken);

    /// <summary>Every team the person leads, found by Teams user id or, when given, Entra object id.</summary>
    IAsyncEnumerable<Leader> ListForPersonAsync(string tenantId, string? userId, string? aadObjectId, CancellationToken cancellationToken);

    /// <summary>Replaces the stored leader (chat, zone, slot, reachability, Entra id); false when the leader is gone.</summary>
    Task<bool> UpdateAsync(Leader leader, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the leader's opened 1:1 chat and nothing else, so that a sender working from a leader read a while ago
    /// changes no other field; false when the leader is gone.
    /// </summary>
    Task<bool> SetChatAsync(string tenantId, string teamKey, string userId, string chatConversationId, CancellationToken cancellationToken);
}
