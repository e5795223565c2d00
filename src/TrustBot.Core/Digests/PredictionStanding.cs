namespace TrustBot.Core.Digests;

/// <summary>Where a prediction stood, when it was saved, against the check-in it will be compared with.</summary>
public enum PredictionStanding
{
    /// <summary>No results of that check-in could be seen yet: the prediction counts.</summary>
    BeforeResults,

    /// <summary>That check-in already showed results (at least k people had answered): the prediction is not compared.</summary>
    AfterResults,

    /// <summary>That check-in had already closed: the prediction is not compared.</summary>
    AfterClose,
}
