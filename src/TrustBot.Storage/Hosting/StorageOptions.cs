namespace TrustBot.Storage.Hosting;

/// <summary>
/// Where TrustBot keeps its state (configuration section <c>Storage</c>). Set either
/// <see cref="ConnectionString"/> (Azurite, or an account key) or <see cref="AccountName"/> (managed identity).
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>A storage connection string; used as is, so it may carry an account key.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The storage account reached with <c>DefaultAzureCredential</c> when no connection string is set.</summary>
    public string? AccountName { get; set; }

    /// <summary>Overrides https://{account}.table.core.windows.net/ (sovereign clouds, private endpoints).</summary>
    public Uri? TableEndpoint { get; set; }

    /// <summary>Overrides https://{account}.queue.core.windows.net/.</summary>
    public Uri? QueueEndpoint { get; set; }

    /// <summary>The client id of a user-assigned managed identity; empty means the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Prepended to every table and queue name, so that tests can share one account without sharing tables.</summary>
    public string TablePrefix { get; set; } = "";

    internal string TableName(string name) => TablePrefix + name;

    internal Uri ResolveTableEndpoint() => TableEndpoint ?? new Uri($"https://{AccountName}.table.core.windows.net/");

    internal Uri ResolveQueueEndpoint() => QueueEndpoint ?? new Uri($"https://{AccountName}.queue.core.windows.net/");
}
