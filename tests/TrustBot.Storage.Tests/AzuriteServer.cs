using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrustBot.Storage.Hosting;
using TrustBot.Testing.Storage;

namespace TrustBot.Storage.Tests;

/// <summary>The xunit face of <see cref="AzuriteFixture"/>, plus helpers that give each test its own tables.</summary>
public sealed class AzuriteServer : IAsyncLifetime
{
    private AzuriteFixture? _azurite;

    public AzuriteFixture Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not been started.");

    public string ConnectionString => Azurite.ConnectionString;

    public async Task InitializeAsync() => _azurite = await AzuriteFixture.StartAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>Options for a fresh, unique table prefix on this emulator.</summary>
    internal StorageOptions NewOptions() => new() { ConnectionString = ConnectionString, TablePrefix = AzuriteFixture.NewTablePrefix() };

    /// <summary>Creates the tables for <paramref name="options"/> the way the host does at start.</summary>
    internal static async Task<TableServiceClient> CreateTablesAsync(StorageOptions options)
    {
        var wrapped = Options.Create(options);
        var tableService = new StorageClientFactory(wrapped).CreateTableServiceClient();
        await InitializeAsync(tracker => new TableInitializer(tableService, wrapped, tracker, TimeProvider.System, NullLogger<TableInitializer>.Instance));
        return tableService;
    }

    /// <summary>Runs a start-up initializer once, the way the host does, and fails the test if it did not succeed at once.</summary>
    internal static async Task InitializeAsync(Func<StorageInitialization, RetryingStorageInitializer> create)
    {
        var tracker = new StorageInitialization();
        using var initializer = create(tracker);
        await initializer.StartAsync(CancellationToken.None);
        await initializer.StopAsync(CancellationToken.None);
        if (!tracker.IsComplete)
        {
            throw new InvalidOperationException("Azurite refused the start-up creation of tables or queues.");
        }
    }
}
