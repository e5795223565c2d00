using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Installations;
using TrustBot.Storage.Delivery;
using TrustBot.Storage.Digests;
using TrustBot.Storage.Installations;
using TrustBot.Storage.Launching;
using TrustBot.Storage.Leaders;
using TrustBot.Storage.Nudges;
using TrustBot.Storage.Retention;
using TrustBot.Storage.Scheduling;
using TrustBot.Storage.SpeakUp;
using TrustBot.Storage.Anonymity;

namespace TrustBot.Storage.Hosting;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Azure Storage clients (from the <c>Storage</c> section, validated at start), the Table
    /// Storage implementations of the Core stores, the start-up table initializer and the <c>storage</c>
    /// health check (tag <c>ready</c>).
    /// </summary>
    public static IHostApplicationBuilder AddTrustBotStorage(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StorageOptions>()
            .Bind(builder.Configuration.GetSection(StorageOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        services.AddSingleton<StorageClientFactory>();
        services.AddSingleton(provider => CreateTableServiceClient(provider));
        services.AddSingleton(provider => provider.GetRequiredService<StorageClientFactory>().CreateQueueServiceClient());

        services.AddSingleton<IInstallationStore, TableInstallationStore>();
        services.TryAddSingleton<TrustBot.Core.Launching.ILaunchCounter, TableLaunchCounter>();
        services.AddBallotStorage();
        services.AddSpeakUpStorage();
        services.AddDeliveryStorage();
        services.AddLeaderStorage();
        services.AddTimetableStorage();
        services.AddNudgeStorage();
        services.AddPredictionStorage();
        services.AddRetentionStorage();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StorageInitialization>();
        services.AddHostedService<TableInitializer>();
        services.AddSingleton<StorageHealthCheck>();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: ["ready"]);
        return builder;
    }

    private static TableServiceClient CreateTableServiceClient(IServiceProvider provider)
    {
        var factory = provider.GetRequiredService<StorageClientFactory>();
        var logger = provider.GetRequiredService<ILogger<StorageClientFactory>>();
        var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (factory.UsesConnectionString)
        {
            logger.UsingConnectionString();
        }
        else
        {
            logger.UsingManagedIdentity(options.AccountName!);
        }

        return factory.CreateTableServiceClient();
    }
}
