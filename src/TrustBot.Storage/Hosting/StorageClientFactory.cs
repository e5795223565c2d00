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

    public TableServiceClient CreateTableServiceClient() => CreateTableServiceClient(WithQuickRetries(new TableClientOptions()));

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
        var clientOptions = WithQuickRetries(new QueueClientOptions());
        return UsesConnectionString
            ? new QueueServiceClient(_options.ConnectionString, clientOptions)
            : new QueueServiceClient(_options.ResolveQueueEndpoint(), _credential.Value, clientOptions);
    }

    private TableServiceClient CreateTableServiceClient(TableClientOptions clientOptions) =>
        UsesConnectionString
            ? new TableServiceClient(_options.ConnectionString, clientOptions)
            : new TableServiceClient(_options.ResolveTableEndpoint(), _credential.Value, clientOptions);

    // The SDK default (up to about 6 s of back-off for a refused connection) makes an unreachable
    // account slow to report; three short retries still ride out a transient blip.
    private static T WithQuickRetries<T>(T clientOptions) where T : ClientOptions
    {
        clientOptions.Retry.MaxRetries = 3;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(250);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        return clientOptions;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
