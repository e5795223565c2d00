using TrustBot.Core.Messaging;

namespace TrustBot.Core.Delivery;

/// <summary>Where the replies to one message go, and which activity they answer.</summary>
/// <param name="Address">The conversation replied into; in a channel thread it keeps its <c>;messageid=…</c> suffix.</param>
/// <param name="InstallationKey">The team or chat the conversation belongs to, so erasing it also clears a queued reply.</param>
/// <param name="ActivityId">
/// The id of the activity answered. Teams keeps it when it delivers the same activity again, so the replies are sent
/// once however often it arrives; null when the activity had none (then a repeat is answered again).
/// </param>
public sealed record ReplyTarget(ConversationAddress Address, string InstallationKey, string? ActivityId);
