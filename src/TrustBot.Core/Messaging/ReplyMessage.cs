using System.Text.Json.Nodes;

namespace TrustBot.Core.Messaging;

/// <summary>One message posted in answer to a person's message: markdown text, or an Adaptive Card with its summary.</summary>
public sealed class ReplyMessage
{
    private ReplyMessage(string? text, JsonObject? card, string? summary)
    {
        Text = text;
        Card = card;
        Summary = summary;
    }

    /// <summary>The markdown text of a text reply; null for a card.</summary>
    public string? Text { get; }

    /// <summary>The Adaptive Card (1.5) of a card reply; null for text.</summary>
    public JsonObject? Card { get; }

    /// <summary>The notification preview of a card reply.</summary>
    public string? Summary { get; }

    public static ReplyMessage OfText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ReplyMessage(text, null, null);
    }

    public static ReplyMessage OfCard(JsonObject card, string summary)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(summary);
        return new ReplyMessage(null, card, summary);
    }

    /// <summary>Posts this message into <paramref name="address"/> through <paramref name="messenger"/>.</summary>
    public Task<DeliveryResult> SendAsync(IBotMessenger messenger, ConversationAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messenger);
        return Card is { } card
            ? messenger.SendCardAsync(address, card, Summary ?? string.Empty, cancellationToken)
            : messenger.SendTextAsync(address, Text ?? string.Empty, cancellationToken);
    }
}
