using Microsoft.Extensions.Options;
using TrustBot.Protocol;

namespace TrustBot.Web.Hosting;

/// <summary>
/// Local mode (no <c>MicrosoftAppId</c>) turns inbound authentication off, so it runs only in the Development
/// environment (and then only for loopback callers, which the request processor enforces). Anywhere else, Staging or a
/// custom name included, a missing app id is far more likely a broken deployment than a developer's laptop.
/// </summary>
internal sealed class LocalModeGuard(IOptions<BotOptions> options, IHostEnvironment environment, ILogger<LocalModeGuard> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsLocalMode)
        {
            return Task.CompletedTask;
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"MicrosoftAppId is empty, which means local mode (no inbound authentication). Local mode runs only in the " +
                $"Development environment, and this is '{environment.EnvironmentName}': set MicrosoftAppId (and " +
                "MicrosoftAppTenantId, MicrosoftAppPassword or a managed identity), or set ASPNETCORE_ENVIRONMENT=Development on a developer machine.");
        }

        HostingLog.LocalModeWarning(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
