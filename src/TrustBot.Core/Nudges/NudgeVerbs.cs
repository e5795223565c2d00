namespace TrustBot.Core.Nudges;

/// <summary>The verbs and data key of the leader's weekly nudge card.</summary>
public static class NudgeVerbs
{
    public const string Done = "nudge.done";

    public const string RemindTomorrow = "nudge.tomorrow";

    public const string Another = "nudge.another";

    public const string NotForMe = "nudge.notforme";

    /// <summary>The data key carrying the nudge id (untrusted input when it comes back).</summary>
    public const string NudgeId = "nudgeId";
}
