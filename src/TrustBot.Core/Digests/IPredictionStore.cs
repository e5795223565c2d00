namespace TrustBot.Core.Digests;

/// <summary>
/// Leaders' predictions of their team's next check-in score, for the digest's perception gap. Leaders are not
/// anonymous and a prediction says nothing about anyone's answer. Every key starts with the tenant id.
/// </summary>
public interface IPredictionStore
{
    /// <summary>
    /// Stores a prediction (0–100) with whether it was made before the results it will be compared with were published;
    /// earlier ones are kept, so each check-in is compared with the right one.
    /// </summary>
    Task SaveAsync(
        string tenantId, string teamKey, string leaderUserId, int value, DateTimeOffset madeAt, bool madeBeforeResults, CancellationToken cancellationToken);

    /// <summary>
    /// The leader's predictions made at or after <paramref name="from"/> and before <paramref name="until"/>, newest first.
    /// </summary>
    IAsyncEnumerable<Prediction> ListAsync(
        string tenantId, string teamKey, string leaderUserId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);
}
