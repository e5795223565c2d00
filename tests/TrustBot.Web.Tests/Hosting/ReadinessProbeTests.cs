using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Web.Hosting;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Hosting;

public sealed class ReadinessProbeTests
{
    [Fact]
    public async Task GetStatusAsync_ConcurrentRequests_ShareOneProbe()
    {
        var check = new GatedCheck();
        using var services = Build(check, out var probe, out _);

        var first = probe.GetStatusAsync();
        var second = probe.GetStatusAsync();
        check.Release(HealthStatus.Healthy);

        Assert.Equal(HealthStatus.Healthy, await first);
        Assert.Equal(HealthStatus.Healthy, await second);
        Assert.Equal(1, check.Runs);
    }

    [Fact]
    public async Task GetStatusAsync_WithinCacheDuration_ReusesTheResult_ThenProbesAgain()
    {
        var check = new GatedCheck();
        check.Release(HealthStatus.Unhealthy);
        using var services = Build(check, out var probe, out var time);

        Assert.Equal(HealthStatus.Unhealthy, await probe.GetStatusAsync());
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(HealthStatus.Unhealthy, await probe.GetStatusAsync());
        Assert.Equal(1, check.Runs);

        time.Advance(TimeSpan.FromSeconds(1));
        await probe.GetStatusAsync();
        Assert.Equal(2, check.Runs);
    }

    [Fact]
    public async Task GetStatusAsync_Unhealthy_LogsTheCheckAndItsReason()
    {
        var check = new GatedCheck();
        check.Release(HealthStatus.Unhealthy);
        var logs = new LogCapture();
        using var services = Build(check, out var probe, out _, logs);

        await probe.GetStatusAsync();

        Assert.Contains(logs.Messages, m => m.Contains("gated", StringComparison.Ordinal) && m.Contains(GatedCheck.Reason, StringComparison.Ordinal));
    }

    private static ServiceProvider Build(GatedCheck check, out ReadinessProbe probe, out FakeTimeProvider time, LogCapture? logs = null)
    {
        time = new FakeTimeProvider();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs ?? new LogCapture()))
            .AddSingleton<TimeProvider>(time);
        services.AddHealthChecks().AddCheck("gated", check, tags: [ReadinessProbe.Tag]);
        var provider = services.BuildServiceProvider();
        probe = new ReadinessProbe(
            provider.GetRequiredService<HealthCheckService>(),
            Options.Create(new ReadinessOptions { ProbeCacheDuration = TimeSpan.FromSeconds(5) }),
            time,
            provider.GetRequiredService<ILogger<ReadinessProbe>>());
        return provider;
    }

    private sealed class GatedCheck : IHealthCheck
    {
        public const string Reason = "storage did not answer";

        private readonly TaskCompletionSource<HealthStatus> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public void Release(HealthStatus status) => _result.TrySetResult(status);

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            return new HealthCheckResult(await _result.Task, Reason);
        }
    }
}
