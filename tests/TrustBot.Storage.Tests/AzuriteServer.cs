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
        await new TableInitializer(tableService, wrapped, NullLogger<TableInitializer>.Instance).StartAsync(CancellationToken.None);
        return tableService;
    }
}
