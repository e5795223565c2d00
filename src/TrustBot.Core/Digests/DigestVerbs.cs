namespace TrustBot.Core.Digests;

/// <summary>The verb, data keys and input of the leader's weekly digest card.</summary>
public static class DigestVerbs
{
    /// <summary>Saves the leader's prediction of the team's next score.</summary>
    public const string Predict = "digest.predict";

    /// <summary>The data key carrying the team (installation key) the digest is about; untrusted when it comes back.</summary>
    public const string TeamKey = "teamKey";

    /// <summary>The data key carrying the instant the digest described, so the card can be shown again as it was.</summary>
    public const string AsOf = "asOf";

    /// <summary>The id of the prediction input.</summary>
    public const string PredictionInput = "prediction";
}
