using System.Globalization;
using Microsoft.Extensions.Options;
using TrustBot.Core;
using TrustBot.Core.Installations;
using TrustBot.Core.Retention;
using TrustBot.Storage.Hosting;

namespace TrustBot.Web.Hosting;

/// <summary>
/// <c>dotnet TrustBot.Web.dll erase-team --tenant &lt;tenantId&gt; --team &lt;teamId&gt; [--yes]</c>: deletes all data of
/// one team now instead of after the grace period. Reads the same configuration as the app (appsettings, environment
/// variables), builds the storage and Core services without starting the host, and prints what it deleted.
/// </summary>
/// <remarks>
/// Exit codes: 0 erased; 1 refused (the app is still installed and <c>--yes</c> was not given) or stopped (the team was
/// reinstalled meanwhile, or storage failed); 2 bad arguments, bad configuration or an unknown team.
/// </remarks>
internal static class EraseTeamCommand
{
    public const string Verb = "erase-team";

    public const int Erased = 0;
    public const int Refused = 1;
    public const int BadRequest = 2;

    private const string Usage = "usage: dotnet TrustBot.Web.dll erase-team --tenant <tenantId> --team <teamId> [--yes]";

    /// <summary>Whether the process was started to run this command rather than the app.</summary>
    public static bool IsInvoked(string[] args) => args is [Verb, ..];

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error, configure: null, CancellationToken.None);

    /// <param name="configure">Lets tests add settings or a clock after the app's own registrations.</param>
    internal static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, Action<IHostApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!TryParse(args, out var request, out var problem))
        {
            await error.WriteLineAsync($"erase-team: {problem}. {Usage}");
            return BadRequest;
        }

        using var host = Build(configure);
        try
        {
            return await EraseAsync(request, host.Services, output, error, cancellationToken);
        }
        catch (OptionsValidationException exception)
        {
            await error.WriteLineAsync($"erase-team: the configuration is not valid: {string.Join(" ", exception.Failures)}");
            return BadRequest;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await error.WriteLineAsync($"erase-team: failed ({exception.GetType().Name}: {exception.Message}); nothing more was deleted. Run it again to finish.");
            return Refused;
        }
    }

    private static async Task<int> EraseAsync(Request request, IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var installations = services.GetRequiredService<IInstallationStore>();
        var retention = services.GetRequiredService<IRetentionStore>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();

        var installation = await installations.GetAsync(request.TenantId, request.TeamId, cancellationToken);
        if (installation is null)
        {
            await error.WriteLineAsync($"erase-team: there is no installation of team '{request.TeamId}' in tenant '{request.TenantId}'.");
            return BadRequest;
        }

        if (installation.Status == InstallationStatus.Active)
        {
            if (!request.Confirmed)
            {
                await error.WriteLineAsync(
                    "erase-team: TrustBot is still installed in this team. Ask the team to remove the app first; " +
                    "or run again with --yes to mark it removed and erase its data now (the app stays in Teams until someone removes it).");
                return Refused;
            }

            await error.WriteLineAsync("erase-team: warning: TrustBot is still installed in this team; marking it removed and erasing its data now.");
            await installations.MarkRemovedAsync(request.TenantId, request.TeamId, now, cancellationToken);
        }

        var erasure = await retention.EraseTeamAsync(request.TenantId, request.TeamId, now, cancellationToken);
        if (!erasure.Erased)
        {
            await Report(output, erasure);
            await error.WriteLineAsync("erase-team: the team was reinstalled while its data was being erased; the installation was kept. Run it again to erase it.");
            return Refused;
        }

        await output.WriteLineAsync($"Erased team '{request.TeamId}' in tenant '{request.TenantId}'. Rows deleted per table:");
        await Report(output, erasure);
        return Erased;
    }

    private static async Task Report(TextWriter output, TeamErasure erasure)
    {
        foreach (var (table, count) in erasure.Deleted.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {table,-16} {count,8}"));
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {"total",-16} {erasure.Total,8}"));
    }

    /// <summary>The app's own configuration sources and storage/Core registrations; nothing is started.</summary>
    private static WebApplication Build(Action<IHostApplicationBuilder>? configure)
    {
        // The content root is the app's folder, so appsettings.json is found wherever the command is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        // The command prints its own report; the stores' routine logs would only bury it.
        builder.Logging.AddFilter(null, LogLevel.Warning);
        builder.Services.AddTrustBotCore();
        builder.AddTrustBotStorage();
        configure?.Invoke(builder);
        return builder.Build();
    }

    private static bool TryParse(string[] args, out Request request, out string problem)
    {
        request = default;
        string? tenant = null;
        string? team = null;
        var confirmed = false;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--tenant" or "--team":
                    if (i + 1 >= args.Length || string.IsNullOrWhiteSpace(args[i + 1]) || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        problem = $"{args[i]} needs a value";
                        return false;
                    }

                    if ((args[i] == "--tenant" ? tenant : team) is not null)
                    {
                        problem = $"{args[i]} is given twice";
                        return false;
                    }

                    if (args[i] == "--tenant")
                    {
                        tenant = args[++i];
                    }
                    else
                    {
                        team = args[++i];
                    }

                    break;
                case "--yes":
                    confirmed = true;
                    break;
                default:
                    problem = $"unknown argument '{args[i]}'";
                    return false;
            }
        }

        if (tenant is null || team is null)
        {
            problem = tenant is null ? "--tenant is required" : "--team is required";
            return false;
        }

        request = new Request(tenant, team, confirmed);
        problem = "";
        return true;
    }

    private readonly record struct Request(string TenantId, string TeamId, bool Confirmed);
}
