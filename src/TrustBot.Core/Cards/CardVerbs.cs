namespace TrustBot.Core.Cards;

/// <summary>The verbs of TrustBot's card actions (<c>Action.Execute</c> verb, or <c>verb</c> in <c>Action.Submit</c> data).</summary>
public static class CardVerbs
{
    public const string CheckInVote = "checkin.vote";

    public const string CheckInRefresh = "checkin.refresh";

    public const string SpeakUpSubmit = "speakup.submit";

    public const string SpeakUpRefresh = "speakup.refresh";
}
