using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TrustBot.Core.Scheduling;

/// <summary>
/// Gives every registered <see cref="IServiceJob"/> its one service-wide timetable entry, with add-if-missing so that
/// an entry already there keeps its due time (restarts and other instances change nothing). The scheduler host asks
/// before its ticks: until a seeding has succeeded (storage may not be ready at start), and again every
/// <see cref="ReseedInterval"/> to bring back an entry that went missing since (removed by an older instance that did
/// not know the job during a rolling deployment, or deleted by hand).
/// </summary>
public sealed class ServiceJobSeeder(
    ITimetable timetable,
    IServiceScopeFactory scopes,
    TimeProvider timeProvider,
    ILogger<ServiceJobSeeder> logger)
{
    /// <summary>How long a successful seeding holds before the next one; each costs one conditional write per job.</summary>
    public static readonly TimeSpan ReseedInterval = TimeSpan.FromHours(1);

    private DateTimeOffset? _seededAt;

    /// <summary>Seeds when it never succeeded or last did <see cref="ReseedInterval"/> ago; returns how many entries it added.</summary>
    public async Task<int> SeedIfDueAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (_seededAt is { } last && now - last < ReseedInterval)
        {
            return 0;
        }

        var added = await SeedAsync(cancellationToken);
        _seededAt = now;
        return added;
    }

    /// <summary>Adds the entry of every service job that has none; returns how many it added.</summary>
    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = timeProvider.GetUtcNow();
        var added = 0;
        foreach (var job in scope.ServiceProvider.GetServices<IScheduledJob>().OfType<IServiceJob>())
        {
            if (await timetable.AddIfMissingAsync(ServiceWide.Entry(job.Kind, job.FirstDueAt(now)), cancellationToken))
            {
                added++;
                SchedulingLog.ServiceJobSeeded(logger, job.Kind);
            }
        }

        return added;
    }
}
