using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;

namespace TrustBot.Core.Leaders;

/// <summary>
/// Finds where a send addressed to one leader goes, for every sender to leaders' private chats: the leader must still
/// lead an active team and be reachable, and their chat is opened when it never was.
/// </summary>
public sealed class LeaderRecipients(IInstallationStore installations, ILeaderStore leaders, LeaderChats chats)
{
    /// <summary>The recipient, or null with the reason there is nothing to send (the send then counts as done).</summary>
    public async Task<(LeaderRecipient? Recipient, string NothingToSend)> FindAsync(OutboundSend send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        if (send.RecipientId is not { Length: > 0 } userId)
        {
            return (null, "no recipient");
        }

        var leader = await leaders.GetAsync(send.TenantId, send.InstallationKey, userId, cancellationToken);
        if (leader is null || leader.Unreachable)
        {
            return (null, "leader gone or unreachable");
        }

        var team = await installations.GetAsync(send.TenantId, send.InstallationKey, cancellationToken);
        if (team is not { IsActiveTeam: true })
        {
            return (null, "team inactive");
        }

        // Opening the chat marks the leader unreachable itself when Teams says they cannot be reached.
        var (address, opened) = await chats.EnsureAsync(leader, cancellationToken);
        return (new LeaderRecipient(leader, team, address, opened), string.Empty);
    }

    /// <summary>Marks the leader unreachable after a send found them gone, from a fresh read: opening the chat may just have stored its id.</summary>
    public async Task MarkGoneAsync(Leader leader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leader);
        var current = await leaders.GetAsync(leader.TenantId, leader.TeamKey, leader.UserId, cancellationToken) ?? leader;
        await chats.MarkUnreachableAsync(current, cancellationToken);
    }
}
