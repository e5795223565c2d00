using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TrustBot.Storage.Hosting;
using TrustBot.Testing.Storage;

namespace TrustBot.Storage.Tests.Hosting;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class StorageHealthCheckTests(AzuriteServer azurite)
{
    [Fact]
    public async Task CheckHealthAsync_AzuriteWithTables_ReturnsHealthy()
    {
        var options = azurite.NewOptions();
        await AzuriteServer.CreateTablesAsync(options);

        var result = await CheckAsync(options);

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task CheckHealthAsync_TablesNotCreated_ReturnsUnhealthy()
    {
        var result = await CheckAsync(azurite.NewOptions());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        // Readiness details go to the log; the SDK exception and its request URI stay out of the result.
        Assert.Null(result.Exception);
        Assert.DoesNotContain("http", result.Description, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CheckHealthAsync_StartupCreationNotFinished_ReturnsUnhealthyEvenThoughTablesAnswer()
    {
        var options = azurite.NewOptions();
        await AzuriteServer.CreateTablesAsync(options);
        var initialization = new StorageInitialization();
        initialization.Begin("outbox queue");

        var result = await CheckAsync(options, initialization: initialization);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("not created yet", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHealthAsync_ClosedPort_ReturnsUnhealthyQuickly()
    {
        var options = new StorageOptions { ConnectionString = ConnectionStringForClosedPort(), TablePrefix = AzuriteFixture.NewTablePrefix() };

        var started = TimeProvider.System.GetTimestamp();
        var result = await CheckAsync(options);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("did not answer", result.Description, StringComparison.Ordinal);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task CheckHealthAsync_ClosedPortWithDegradedRegistration_ReportsTheRegisteredFailureStatus()
    {
        var options = new StorageOptions { ConnectionString = ConnectionStringForClosedPort() };

        var result = await CheckAsync(options, HealthStatus.Degraded);

        Assert.Equal(HealthStatus.Degraded, result.Status);
    }

    internal static string ConnectionStringForClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};" +
            $"TableEndpoint=http://127.0.0.1:{port}/{AzuriteFixture.AccountName};QueueEndpoint=http://127.0.0.1:{port}/{AzuriteFixture.AccountName};";
    }

    private static Task<HealthCheckResult> CheckAsync(
        StorageOptions options, HealthStatus failureStatus = HealthStatus.Unhealthy, StorageInitialization? initialization = null)
    {
        var wrapped = Options.Create(options);
        var check = new StorageHealthCheck(new StorageClientFactory(wrapped), wrapped, initialization ?? new StorageInitialization());
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration("storage", check, failureStatus, ["ready"]) };
        return check.CheckHealthAsync(context, CancellationToken.None);
    }
}
