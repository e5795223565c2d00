namespace TrustBot.Core.Digests;

/// <summary>A leader's guess of the team's next score (0–100).</summary>
/// <param name="MadeBeforeResults">
/// Whether, when it was saved, the check-in it is compared with had neither shown results nor closed (see
/// <see cref="PredictionRule"/>); null for a prediction stored before this was recorded.
/// </param>
public sealed record Prediction(string TenantId, string TeamKey, string LeaderUserId, int Value, DateTimeOffset MadeAt, bool? MadeBeforeResults)
{
    public const int Min = 0;

    public const int Max = 100;
}
