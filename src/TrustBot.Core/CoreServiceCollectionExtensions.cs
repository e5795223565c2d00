using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Commands;
using TrustBot.Core.Delivery;
using TrustBot.Core.Digests;
using TrustBot.Core.Help;
using TrustBot.Core.Installations;
using TrustBot.Core.Launching;
using TrustBot.Core.Leaders;
using TrustBot.Core.Nudges;
using TrustBot.Core.Privacy;
using TrustBot.Core.Reminders;
using TrustBot.Core.Retention;
using TrustBot.Core.Scheduling;
using TrustBot.Core.Settings;
using TrustBot.Core.SpeakUp;

namespace TrustBot.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers every Core feature, one line each. The host supplies <c>IBotMessenger</c> and Storage the stores.
    /// Handlers are scoped so they may use a scoped or transient messenger. The order of the lines with commands is the
    /// order help lists them in.
    /// </summary>
    public static IServiceCollection AddTrustBotCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddCommands();
        services.AddSchedulingEngine();
        services.AddReplyDelivery();
        services.AddAnonymity();
        services.AddInstallations();
        services.AddLaunching();
        services.AddHelp();
        services.AddCheckIns();
        services.AddSpeakUp();
        services.AddPrivacy();
        services.AddLeaders();
        services.AddNudges();
        services.AddDigests();
        services.AddReminders();
        services.AddRetention();
        services.AddSettings();
        return services;
    }
}
