namespace TrustBot.Core.Questions;

/// <summary>Which built-in statements a team's check-ins ask; the team's own statements are always asked too.</summary>
public enum QuestionSet
{
    /// <summary>All eleven: psychological safety and trust in the lead.</summary>
    Everything,

    /// <summary>The seven psychological-safety statements only.</summary>
    PsychologicalSafety,

    /// <summary>The four statements on trust in the team lead only.</summary>
    Trust,
}
