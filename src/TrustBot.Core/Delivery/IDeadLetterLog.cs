namespace TrustBot.Core.Delivery;

/// <summary>Sends that ran out of retries, kept so that operators see them in logs and in the readiness detail.</summary>
public interface IDeadLetterLog
{
    /// <summary>
    /// Records a send given up now. <paramref name="reason"/> is a short cause such as a status and error code,
    /// never message content or user data.
    /// </summary>
    Task RecordAsync(string idempotencyKey, string kind, string reason, CancellationToken cancellationToken);

    /// <summary>How many sends were recorded at or after <paramref name="since"/>.</summary>
    Task<int> CountSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
