namespace TrustBot.Core.Retention;

/// <summary>The times before which the delivery machinery's own rows, and the launch counters, are deleted.</summary>
/// <param name="LeasesExpiredBefore">Leases whose claim expired before this, and tenants' send schedules whose last reserved slot passed before this.</param>
/// <param name="IdempotencyUpdatedBefore">Idempotency records last written before this.</param>
/// <param name="DeadLettersRecordedBefore">Dead letters recorded before this.</param>
/// <param name="LaunchCountsEndedBefore">Launch counters of UTC days that ended at or before this.</param>
public sealed record OperationalRowCutoffs(
    DateTimeOffset LeasesExpiredBefore,
    DateTimeOffset IdempotencyUpdatedBefore,
    DateTimeOffset DeadLettersRecordedBefore,
    DateTimeOffset LaunchCountsEndedBefore);
