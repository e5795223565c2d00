using System.Text.Json.Nodes;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Commands;

/// <summary>
/// The replies to the message handled in this scope (one activity), in the order the command gave them. Nothing is
/// sent here: when handling ends the host queues them as one outbox send, so the request is answered without waiting
/// for Teams' pacing, and the outbox worker posts them in order into the conversation the message came from.
/// </summary>
/// <remarks>
/// Only answers to that conversation belong here. A send whose result the command needs while it runs (a check-in card
/// whose id is stored, the settings card in a leader's private chat) still goes straight through the messenger.
/// </remarks>
public sealed class MessageReplies
{
    private readonly Lock _gate = new();
    private readonly List<ReplyMessage> _replies = [];

    /// <summary>What has been collected so far, in order.</summary>
    public IReadOnlyList<ReplyMessage> Collected
    {
        get
        {
            lock (_gate)
            {
                return [.. _replies];
            }
        }
    }

    /// <summary>Answers with a plain (markdown) text message.</summary>
    public void Text(string text) => Add(ReplyMessage.OfText(text));

    /// <summary>Answers with an Adaptive Card (1.5).</summary>
    public void Card(JsonObject card, string summary) => Add(ReplyMessage.OfCard(card, summary));

    /// <summary>Returns what was collected, in order, and forgets it, so that the same replies are never queued twice.</summary>
    public IReadOnlyList<ReplyMessage> TakeAll()
    {
        lock (_gate)
        {
            List<ReplyMessage> taken = [.. _replies];
            _replies.Clear();
            return taken;
        }
    }

    private void Add(ReplyMessage reply)
    {
        lock (_gate)
        {
            _replies.Add(reply);
        }
    }
}
