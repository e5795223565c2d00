using Microsoft.Extensions.Options;
using TrustBot.Protocol;

namespace TrustBot.Web.Hosting;

/// <summary>
/// Local mode (no <c>MicrosoftAppId</c>) turns inbound authentication off, so it must never run in Production,
/// and must be impossible to miss anywhere else.
/// </summary>
internal sealed class LocalModeGuard(IOptions<BotOptions> options, IHostEnvironment environment, ILogger<LocalModeGuard> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsLocalMode)
        {
            return Task.CompletedTask;
        }

        if (environment.IsProduction())
        {
            throw new InvalidOperationException(
                "MicrosoftAppId is empty, which means local mode (no inbound authentication). Local mode is refused in the " +
                "Production environment: set MicrosoftAppId (and MicrosoftAppTenantId, MicrosoftAppPassword or a managed identity).");
        }

        WebLog.LocalModeWarning(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
