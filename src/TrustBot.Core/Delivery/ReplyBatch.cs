using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Delivery;

/// <summary>
/// The payload of one <see cref="OutboundKinds.Reply"/> send: the conversation, the replies in the order they are posted,
/// and the key of the reply this one must not overtake.
/// </summary>
/// <param name="Address">The conversation to post into.</param>
/// <param name="After">
/// The idempotency key of a reply queued earlier to the same conversation that was not yet sent when this one was
/// queued; the sender waits (bounded) until that one is settled. Null when there was none.
/// </param>
/// <param name="Replies">What to post, in order.</param>
public sealed record ReplyBatch(ConversationAddress Address, string? After, IReadOnlyList<ReplyMessage> Replies)
{
    /// <summary>
    /// The most payload characters one send carries. The outbox stores the payload as an escaped JSON string, which at
    /// most doubles it (the payload is ASCII: non-ASCII is written as <c>\uXXXX</c>), and a queue message holds 64 KiB,
    /// so this leaves room for the envelope. A single reply is never split: cards are built to stay under Teams' own
    /// limit of about 28 KB, which keeps them under this too.
    /// </summary>
    public const int MaxPayloadChars = 28_000;

    /// <summary>Splits <paramref name="replies"/>, in order, into runs that each fit in one send.</summary>
    public static IReadOnlyList<IReadOnlyList<ReplyMessage>> Chunk(IReadOnlyList<ReplyMessage> replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        if (replies.Count <= 1)
        {
            // Nearly every message has one answer, and one reply is never cut: nothing to measure.
            return replies.Count == 0 ? [] : [replies];
        }

        var chunks = new List<IReadOnlyList<ReplyMessage>>();
        var current = new List<ReplyMessage>();
        var size = 0;
        foreach (var reply in replies)
        {
            var length = Length(reply);
            if (current.Count > 0 && size + length > MaxPayloadChars)
            {
                chunks.Add(current);
                current = [];
                size = 0;
            }

            current.Add(reply);
            size += length;
        }

        if (current.Count > 0)
        {
            chunks.Add(current);
        }

        return chunks;
    }

    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("tenantId", Address.TenantId);
            writer.WriteString("serviceUrl", Address.ServiceUrl);
            writer.WriteString("conversationId", Address.ConversationId);
            if (Address.BotId is not null)
            {
                writer.WriteString("botId", Address.BotId);
            }

            if (After is not null)
            {
                writer.WriteString("after", After);
            }

            writer.WriteStartArray("replies");
            foreach (var reply in Replies)
            {
                Write(writer, reply);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The batch written by <see cref="ToJson"/>, or null when <paramref name="json"/> is not one.</summary>
    public static ReplyBatch? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(json) is not JsonObject node
                || String(node, "tenantId") is not { } tenantId
                || String(node, "serviceUrl") is not { } serviceUrl
                || String(node, "conversationId") is not { } conversationId
                || node["replies"] is not JsonArray items)
            {
                return null;
            }

            var replies = new List<ReplyMessage>(items.Count);
            foreach (var item in items)
            {
                if (item is not JsonObject reply)
                {
                    return null;
                }

                if (reply["card"] is JsonObject card)
                {
                    replies.Add(ReplyMessage.OfCard(card, String(reply, "summary") ?? string.Empty));
                }
                else if (String(reply, "text") is { } text)
                {
                    replies.Add(ReplyMessage.OfText(text));
                }
                else
                {
                    return null;
                }
            }

            return new ReplyBatch(new ConversationAddress(tenantId, serviceUrl, conversationId, String(node, "botId")), String(node, "after"), replies);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Write(Utf8JsonWriter writer, ReplyMessage reply)
    {
        writer.WriteStartObject();
        if (reply.Card is { } card)
        {
            writer.WritePropertyName("card");
            card.WriteTo(writer);
            writer.WriteString("summary", reply.Summary);
        }
        else
        {
            writer.WriteString("text", reply.Text);
        }

        writer.WriteEndObject();
    }

    // The characters one reply adds to a payload (ASCII, so bytes and characters are the same), its separator included.
    private static int Length(ReplyMessage reply)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, reply);
        }

        return buffer.WrittenCount + 1;
    }

    private static string? String(JsonObject node, string name) =>
        node[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
