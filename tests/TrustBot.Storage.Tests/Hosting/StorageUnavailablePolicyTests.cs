using System.Net.Sockets;
using Azure;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TrustBot.Core.Outages;
using TrustBot.Storage.Hosting;
using TrustBot.Testing.Storage;

namespace TrustBot.Storage.Tests.Hosting;

/// <summary>The storage clients' retry options and outage policy, as the factory configures them, over a scripted network.</summary>
public sealed class StorageUnavailablePolicyTests
{
    private static readonly Uri Endpoint = new($"http://127.0.0.1:1/{AzuriteFixture.AccountName}");

    [Fact]
    public async Task RefusedEveryTime_AfterTheRetries_IsStorageUnavailable()
    {
        var network = new StubStorageHandler(Refused());

        var exception = await Assert.ThrowsAsync<StorageUnavailableException>(() => Table(network).AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal(3, network.Attempts);
        Assert.NotNull(exception.InnerException);
    }

    [Fact]
    public async Task BusyEveryTime_AfterTheRetries_IsStorageUnavailable()
    {
        var network = new StubStorageHandler(503);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => Table(network).GetEntityAsync<TableEntity>("p", "r"));

        Assert.Equal(3, network.Attempts);
    }

    [Fact]
    public async Task OneBlip_IsRiddenOutByTheRetries()
    {
        var network = new StubStorageHandler(Refused(), 503, 204);

        await Table(network).AddEntityAsync(new TableEntity("p", "r"));

        Assert.Equal(3, network.Attempts);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(412)]
    [InlineData(400)]
    [InlineData(403)]
    public async Task AnAnswer_PassesThroughUntouchedForTheStoreToHandle(int status)
    {
        var network = new StubStorageHandler(status);

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => Table(network).UpdateEntityAsync(new TableEntity("p", "r"), new ETag("W/\"1\"")));

        Assert.Equal(status, exception.Status);
        Assert.Equal(1, network.Attempts);
    }

    [Fact]
    public async Task CallerCancels_StaysACancellation()
    {
        using var caller = new CancellationTokenSource();
        var network = new StubStorageHandler(caller);

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Table(network).AddEntityAsync(new TableEntity("p", "r"), caller.Token));

        Assert.IsNotType<StorageUnavailableException>(exception.InnerException);
        Assert.Equal(1, network.Attempts);
    }

    [Fact]
    public async Task FactoryClients_ClosedLoopbackPort_AreStorageUnavailable()
    {
        var options = Options.Create(new StorageOptions
        {
            ConnectionString = StorageHealthCheckTests.ConnectionStringForClosedPort(),
            TablePrefix = AzuriteFixture.NewTablePrefix(),
        });
        var factory = new StorageClientFactory(options);

        await Assert.ThrowsAsync<StorageUnavailableException>(
            () => factory.CreateTableServiceClient().GetTableClient(options.Value.TablePrefix + "x").AddEntityAsync(new TableEntity("p", "r")));
        await Assert.ThrowsAsync<StorageUnavailableException>(
            () => factory.CreateQueueServiceClient().GetQueueClient(options.Value.TablePrefix + "q").SendMessageAsync("m"));
    }

    private static TableClient Table(StubStorageHandler network)
    {
        var options = StorageClientFactory.ForTurns(new TableClientOptions());
        options.Transport = new HttpClientTransport(new HttpClient(network));
        return new TableClient(Endpoint, "Stub", new TableSharedKeyCredential(AzuriteFixture.AccountName, AzuriteFixture.AccountKey), options);
    }

    private static HttpRequestException Refused() => new("Connection refused", new SocketException((int)SocketError.ConnectionRefused));
}
