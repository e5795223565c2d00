using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Delivery;
using TrustBot.Storage.Delivery;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Tables;
using TrustBot.Testing.Storage;

namespace TrustBot.Storage.Tests.Delivery;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class DeliveryStorageRegistrationTests(AzuriteServer azurite)
{
    [Fact]
    public async Task AddTrustBotStorage_HostStarted_CreatesDeliveryTablesAndQueueAndResolvesEveryPort()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = prefix,
        });
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.None));
        // AddTrustBotStorage includes the delivery stores, as the host composes them.
        builder.AddTrustBotStorage();
        using var host = builder.Build();

        await host.StartAsync();
        var queue = host.Services.GetRequiredService<OutboxQueue>();
        var tables = host.Services.GetRequiredService<TableServiceClient>();
        try
        {
            Assert.IsType<TableLeaseStore>(host.Services.GetRequiredService<ILeaseStore>());
            Assert.IsType<TableIdempotencyStore>(host.Services.GetRequiredService<IIdempotencyStore>());
            Assert.IsType<TableDeadLetterLog>(host.Services.GetRequiredService<IDeadLetterLog>());
            Assert.IsType<QueueOutbox>(host.Services.GetRequiredService<IOutbox>());
            Assert.Equal(prefix + "outbox", queue.Client.Name);
            Assert.True(await queue.Client.ExistsAsync());
            foreach (var name in new[] { TableNames.Leases, TableNames.Idempotency, TableNames.DeadLetters })
            {
                var found = tables.QueryAsync(TableClient.CreateQueryFilter($"TableName eq {prefix + name}"));
                Assert.True(await AnyAsync(found), $"table {name} was not created");
            }

            var registration = Assert.Single(
                host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations,
                candidate => candidate.Name == "delivery");
            Assert.Contains("ready", registration.Tags);

            var report = await host.Services.GetRequiredService<HealthCheckService>()
                .CheckHealthAsync(candidate => candidate.Name == "delivery");
            Assert.Equal(HealthStatus.Healthy, report.Status);

            await host.Services.GetRequiredService<IDeadLetterLog>().RecordAsync("k-1", OutboundKinds.Digest, "timeout", CancellationToken.None);
            report = await host.Services.GetRequiredService<HealthCheckService>()
                .CheckHealthAsync(candidate => candidate.Name == "delivery");
            Assert.Equal(HealthStatus.Degraded, report.Status);
            Assert.Equal(1, report.Entries["delivery"].Data[DeadLetterHealthCheck.CountKey]);
        }
        finally
        {
            await host.StopAsync();
            await queue.Client.DeleteIfExistsAsync();
            foreach (var name in TableNames.All)
            {
                await tables.DeleteTableAsync(prefix + name);
            }
        }
    }

    private static async Task<bool> AnyAsync<T>(IAsyncEnumerable<T> items)
    {
        await foreach (var _ in items)
        {
            return true;
        }

        return false;
    }
}
