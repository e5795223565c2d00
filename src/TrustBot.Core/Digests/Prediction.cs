namespace TrustBot.Core.Digests;

/// <summary>A leader's guess of the team's next score (0–100), made before the results were known.</summary>
public sealed record Prediction(string TenantId, string TeamKey, string LeaderUserId, int Value, DateTimeOffset MadeAt)
{
    public const int Min = 0;

    public const int Max = 100;
}
