using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Installations;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Installations;
using TrustBot.Storage.Tables;
using TrustBot.Testing.Storage;

namespace TrustBot.Storage.Tests.Hosting;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class StorageServiceCollectionExtensionsTests(AzuriteServer azurite)
{
    [Fact]
    public async Task AddTrustBotStorage_AgainstAzurite_CreatesTablesAndReportsReady()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        using var host = BuildHost(new()
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = prefix,
        });

        await host.StartAsync();
        try
        {
            Assert.IsType<TableInstallationStore>(host.Services.GetRequiredService<IInstallationStore>());
            Assert.Equal(azurite.Azurite.QueueEndpoint, host.Services.GetRequiredService<QueueServiceClient>().Uri);
            var tables = host.Services.GetRequiredService<TableServiceClient>();
            var created = tables.QueryAsync(TableClient.CreateQueryFilter($"TableName eq {prefix + TableNames.Installations}"));
            Assert.NotNull(await FirstOrDefaultAsync(created));

            var report = await host.Services.GetRequiredService<HealthCheckService>()
                .CheckHealthAsync(registration => registration.Tags.Contains("ready"));
            Assert.Equal(HealthStatus.Healthy, report.Entries["storage"].Status);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task AddTrustBotStorage_NothingConfigured_FailsStartNamingTheSettings()
    {
        using var host = BuildHost([]);

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Storage:ConnectionString", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddTrustBotStorage_StorageUnreachable_StartsNotReadyAndKeepsRetrying()
    {
        // A first deploy's managed identity may wait minutes for its roles: the host must run and say "not ready",
        // not crash-loop.
        using var host = BuildHost(new() { ["Storage:ConnectionString"] = StorageHealthCheckTests.ConnectionStringForClosedPort() });

        await host.StartAsync();
        try
        {
            Assert.False(host.Services.GetRequiredService<StorageInitialization>().IsComplete);
            var report = await host.Services.GetRequiredService<HealthCheckService>()
                .CheckHealthAsync(registration => registration.Tags.Contains("ready"));
            Assert.Equal(HealthStatus.Unhealthy, report.Entries["storage"].Status);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public void AddTrustBotStorage_AccountName_UsesTheDefaultAccountEndpoints()
    {
        using var host = BuildHost(new() { ["Storage:AccountName"] = "trustbotprod01" });

        Assert.Equal(new Uri("https://trustbotprod01.table.core.windows.net/"), host.Services.GetRequiredService<TableServiceClient>().Uri);
        Assert.Equal(new Uri("https://trustbotprod01.queue.core.windows.net/"), host.Services.GetRequiredService<QueueServiceClient>().Uri);
    }

    [Fact]
    public void AddTrustBotStorage_AccountNameWithEndpoints_UsesTheConfiguredEndpoints()
    {
        using var host = BuildHost(new()
        {
            ["Storage:AccountName"] = "trustbotprod01",
            ["Storage:TableEndpoint"] = "https://trustbotprod01.table.core.usgovcloudapi.net/",
            ["Storage:QueueEndpoint"] = "https://trustbotprod01.queue.core.usgovcloudapi.net/",
            ["Storage:ManagedIdentityClientId"] = "6b1f5c4e-0000-4000-8000-000000000001",
        });

        Assert.Equal(new Uri("https://trustbotprod01.table.core.usgovcloudapi.net/"), host.Services.GetRequiredService<TableServiceClient>().Uri);
        Assert.Equal(new Uri("https://trustbotprod01.queue.core.usgovcloudapi.net/"), host.Services.GetRequiredService<QueueServiceClient>().Uri);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.None));
        builder.AddTrustBotStorage();
        return builder.Build();
    }

    private static async Task<T?> FirstOrDefaultAsync<T>(IAsyncEnumerable<T> items)
    {
        await foreach (var item in items)
        {
            return item;
        }

        return default;
    }
}
