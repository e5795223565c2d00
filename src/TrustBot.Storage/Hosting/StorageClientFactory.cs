using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace TrustBot.Storage.Hosting;

/// <summary>
/// Builds the storage clients from <see cref="StorageOptions"/>: a connection string as is, otherwise the
/// account endpoints with one shared <see cref="DefaultAzureCredential"/> (managed identity in Azure).
/// </summary>
internal sealed class StorageClientFactory(IOptions<StorageOptions> options)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private readonly StorageOptions _options = options.Value;
    private readonly Lazy<TokenCredential> _credential = new(() => new DefaultAzureCredential(
        new DefaultAzureCredentialOptions { ManagedIdentityClientId = NullIfEmpty(options.Value.ManagedIdentityClientId) }));

    public bool UsesConnectionString => !string.IsNullOrWhiteSpace(_options.ConnectionString);

    public TableServiceClient CreateTableServiceClient() => CreateTableServiceClient(ForTurns(new TableClientOptions()));

    /// <summary>A client that tries once and gives up quickly: a readiness probe must answer, not wait.</summary>
    public TableServiceClient CreateProbeTableServiceClient()
    {
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.MaxRetries = 0;
        clientOptions.Retry.NetworkTimeout = ProbeTimeout;
        return CreateTableServiceClient(clientOptions);
    }

    public QueueServiceClient CreateQueueServiceClient()
    {
        var clientOptions = ForTurns(new QueueClientOptions());
        return UsesConnectionString
            ? new QueueServiceClient(_options.ConnectionString, clientOptions)
            : new QueueServiceClient(_options.ResolveQueueEndpoint(), _credential.Value, clientOptions);
    }

    private TableServiceClient CreateTableServiceClient(TableClientOptions clientOptions) =>
        UsesConnectionString
            ? new TableServiceClient(_options.ConnectionString, clientOptions)
            : new TableServiceClient(_options.ResolveTableEndpoint(), _credential.Value, clientOptions);

    // Every storage call of the bot runs inside a Teams turn (about 5 s for a card action) or a background tick that
    // tries again anyway. Two quick retries ride out a blip; a refused or reset connection, a DNS failure or a busy
    // answer then reaches the person as "storage unavailable" in about a second instead of a 500 after two. The network
    // timeout (100 s by default, meant for large blobs) bounds an account that accepts connections but never answers;
    // our rows and pages are small, so an answer slower than this is treated as none.
    internal static T ForTurns<T>(T clientOptions) where T : ClientOptions
    {
        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(200);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        clientOptions.AddPolicy(StorageUnavailablePolicy.Instance, HttpPipelinePosition.PerCall);
        return clientOptions;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
