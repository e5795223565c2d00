namespace TrustBot.Core.Cards;

/// <summary>The keys of the data and inputs TrustBot's cards send back. Everything under them is untrusted input.</summary>
public static class CardData
{
    /// <summary>The verb, in <c>Action.Submit</c> data (the fallback path has no verb of its own).</summary>
    public const string Verb = "verb";

    public const string CheckInId = "checkInId";

    public const string SessionId = "sessionId";

    /// <summary>The speak-up text box.</summary>
    public const string NoteInput = "note";

    /// <summary>The prefix of every answer input; the rest is the statement id.</summary>
    public const string AnswerPrefix = "answer-";

    /// <summary>The input id of the answer to one statement.</summary>
    public static string AnswerInput(string statementId) => AnswerPrefix + statementId;

    /// <summary>The statement id of an answer input key, or false when the key is not an answer.</summary>
    public static bool TryGetStatementId(string key, out string statementId)
    {
        if (key is not null && key.Length > AnswerPrefix.Length && key.StartsWith(AnswerPrefix, StringComparison.Ordinal))
        {
            statementId = key[AnswerPrefix.Length..];
            return true;
        }

        statementId = string.Empty;
        return false;
    }
}
