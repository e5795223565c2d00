namespace TrustBot.Core.Anonymity;

/// <summary>What happened to a ballot.</summary>
public enum BallotOutcome
{
    /// <summary>Participation and answer counts were written together.</summary>
    Counted,
    /// <summary>This person had already taken part; nothing was written.</summary>
    AlreadyCast,
}
