using Microsoft.Extensions.Diagnostics.HealthChecks;
using TrustBot.Core.Delivery;

namespace TrustBot.Storage.Delivery;

/// <summary>
/// Degraded while any send was dead-lettered in the last 24 hours: the host still serves, but someone should look.
/// The count is in the result's data as <c>deadLetters24h</c>.
/// </summary>
internal sealed class DeadLetterHealthCheck(IDeadLetterLog deadLetters, TimeProvider time) : IHealthCheck
{
    public const string CountKey = "deadLetters24h";

    private static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        try
        {
            var count = await deadLetters.CountSinceAsync(time.GetUtcNow() - Window, cancellationToken);
            var data = new Dictionary<string, object> { [CountKey] = count };
            return count > 0
                ? HealthCheckResult.Degraded($"{count} sends were dead-lettered in the last 24 hours.", data: data)
                : HealthCheckResult.Healthy("No send was dead-lettered in the last 24 hours.", data);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(
                context.Registration?.FailureStatus ?? HealthStatus.Unhealthy,
                $"Dead letters could not be counted ({exception.GetType().Name}).");
        }
    }
}
