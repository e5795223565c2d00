using Microsoft.Extensions.Diagnostics.HealthChecks;
using TrustBot.Core.Anonymity;

namespace TrustBot.Web.Hosting;

/// <summary>Not ready while the anonymity secret is missing, a placeholder or an unresolved Key Vault reference.</summary>
internal sealed class AnonymitySecretHealthCheck(AnonymitySecretStatus secret) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken) =>
        Task.FromResult(secret.IsUsable
            ? HealthCheckResult.Healthy("The anonymity secret is configured.")
            : new HealthCheckResult(
                context.Registration?.FailureStatus ?? HealthStatus.Unhealthy,
                $"The anonymity secret is not configured or is an unresolved Key Vault reference ({secret.Problem}); see Anonymity:Secret."));
}
