namespace TrustBot.Core.Scheduling;

/// <summary>
/// A recurring job of the whole service, not of one team. Register it like any <see cref="IScheduledJob"/>; the engine
/// (<see cref="ServiceJobSeeder"/>) then keeps one entry of it in the <see cref="ServiceWide"/> partition, adding it
/// when it is missing, so nothing else has to plan it. Its runs return when it is next due, as every job's do.
/// </summary>
public interface IServiceJob : IScheduledJob
{
    /// <summary>When the first occurrence is due, for a service with no entry of this job yet that starts at <paramref name="now"/>.</summary>
    DateTimeOffset FirstDueAt(DateTimeOffset now);
}
