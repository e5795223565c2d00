using TrustBot.Core.Commands;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Leaders;

/// <summary>
/// Keeps a leader's zone, name and Entra id current from their 1:1 messages, through the one shared
/// <see cref="LeaderDetails"/> (cached per person and failure-tolerant, so it costs nothing per message).
/// </summary>
internal sealed class LeaderMessageObserver(LeaderDetails details, PersonLeadership leadership) : IMessageObserver
{
    public Task OnMessageAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Kind == ConversationKind.Personal
            ? details.RefreshAsync(leadership, message.TenantId, message.FromId, message.FromAadObjectId, message.FromName, message.ClientTimeZone, cancellationToken)
            : Task.CompletedTask;
    }
}
