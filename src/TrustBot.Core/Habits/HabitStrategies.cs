namespace TrustBot.Core.Habits;

/// <summary>The ids of the eight strategies the habit library is grouped by.</summary>
public static class HabitStrategies
{
    /// <summary>Showing vulnerability and empathy first, so others can.</summary>
    public const string LeadingByExample = "leading-by-example";

    /// <summary>Open communication and active listening.</summary>
    public const string OpenCommunication = "open-communication";

    /// <summary>Clear norms and expectations.</summary>
    public const string ClearNorms = "clear-norms";

    /// <summary>Treating failure as learning, through blameless reviews.</summary>
    public const string LearningFromFailure = "learning-from-failure";

    /// <summary>Drawing out quieter voices and checking bias.</summary>
    public const string InclusivePractices = "inclusive-practices";

    /// <summary>Disagreeing about ideas without damaging relationships.</summary>
    public const string ConstructiveConflict = "constructive-conflict";

    /// <summary>Meeting resistance and skepticism with curiosity.</summary>
    public const string AddressingResistance = "addressing-resistance";

    /// <summary>Celebrating progress and keeping regular check-ins going.</summary>
    public const string SustainingMomentum = "sustaining-momentum";

    /// <summary>All eight strategies, in the order nudges rotate through them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        LeadingByExample,
        OpenCommunication,
        ClearNorms,
        LearningFromFailure,
        InclusivePractices,
        ConstructiveConflict,
        AddressingResistance,
        SustainingMomentum,
    ];
}
