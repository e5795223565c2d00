using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace TrustBot.Web.Hosting;

/// <summary>
/// Runs the <c>ready</c> health checks at most once per <see cref="ReadinessOptions.ProbeCacheDuration"/>; requests that
/// arrive meanwhile, or while a probe runs, share its result. What failed and why goes to the log, never to the caller.
/// </summary>
internal sealed class ReadinessProbe(
    HealthCheckService checks,
    IOptions<ReadinessOptions> options,
    TimeProvider time,
    ILogger<ReadinessProbe> logger)
{
    public const string Tag = "ready";

    private readonly Lock _gate = new();
    private Task<HealthStatus>? _probe;
    private long _startedAt;

    public Task<HealthStatus> GetStatusAsync()
    {
        lock (_gate)
        {
            if (_probe is null || (_probe.IsCompleted && time.GetElapsedTime(_startedAt) >= options.Value.ProbeCacheDuration))
            {
                _startedAt = time.GetTimestamp();
                // Not tied to any one request: a caller that hangs up must not cancel the probe others are waiting on.
                _probe = Task.Run(ProbeAsync);
            }

            return _probe;
        }
    }

    private async Task<HealthStatus> ProbeAsync()
    {
        var report = await checks.CheckHealthAsync(registration => registration.Tags.Contains(Tag), CancellationToken.None);
        foreach (var (name, entry) in report.Entries)
        {
            if (entry.Status != HealthStatus.Healthy)
            {
                HostingLog.ReadinessCheckNotHealthy(logger, name, entry.Status, entry.Description ?? "no description");
            }
        }

        return report.Status;
    }
}
