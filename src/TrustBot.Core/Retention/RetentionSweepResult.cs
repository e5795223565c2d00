namespace TrustBot.Core.Retention;

/// <summary>What one retention sweep deleted.</summary>
/// <param name="NotesDeleted">Speak-up notes past their age.</param>
/// <param name="TeamsErased">Removed installations whose grace period was over and whose data is now gone.</param>
/// <param name="TeamsFailed">Removed installations whose erasure failed this time; the next sweep tries them again.</param>
/// <param name="OperationalRowsDeleted">Leases, idempotency records, dead letters and launch counters past their age.</param>
public sealed record RetentionSweepResult(int NotesDeleted, int TeamsErased, int TeamsFailed, int OperationalRowsDeleted = 0);
