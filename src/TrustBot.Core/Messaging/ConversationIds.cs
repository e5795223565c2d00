namespace TrustBot.Core.Messaging;

/// <summary>Teams conversation id conventions.</summary>
public static class ConversationIds
{
    /// <summary>A channel id without the <c>;messageid=…</c> suffix Teams adds for a thread.</summary>
    public static string WithoutThread(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var marker = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return marker < 0 ? conversationId : conversationId[..marker];
    }
}
