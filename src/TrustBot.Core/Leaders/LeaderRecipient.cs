using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Leaders;

/// <summary>
/// A leader a queued send is for, with their active team and their private chat: <see cref="Address"/> is null when
/// the chat could not be opened, and <see cref="Opened"/> then says why (RecipientGone, or a failure worth retrying).
/// </summary>
public sealed record LeaderRecipient(Leader Leader, Installation Team, ConversationAddress? Address, DeliveryResult Opened);
