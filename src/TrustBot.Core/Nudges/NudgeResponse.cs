namespace TrustBot.Core.Nudges;

/// <summary>What a leader did with a nudge card; None means it was ignored.</summary>
public enum NudgeResponse
{
    None,
    Done,
    RemindTomorrow,
    Another,
    NotForMe,
}
