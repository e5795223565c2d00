namespace TrustBot.Core.Anonymity;

/// <summary>What happened to a ballot.</summary>
public enum BallotOutcome
{
    /// <summary>Participation is recorded and the answers are stored durably; the next fold counts them.</summary>
    Counted,
    /// <summary>This person had already taken part; nothing was written.</summary>
    AlreadyCast,
}
