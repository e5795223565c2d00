using Microsoft.Extensions.Logging;

namespace TrustBot.Storage.Hosting;

internal static partial class StorageLog
{
    // Start-up and health (3000–3019)

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Storage tables are ready at {Endpoint} ({Count} tables)")]
    public static partial void TablesReady(this ILogger logger, Uri endpoint, int count);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error,
        Message = "Storage {What} could not be created ({ExceptionType}); TrustBot stays not ready and retries in {Delay}. Check Storage:ConnectionString or Storage:AccountName and the app's roles on the account")]
    public static partial void StorageInitializationRetrying(this ILogger logger, string what, string exceptionType, TimeSpan delay);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Storage uses managed identity for account {AccountName}")]
    public static partial void UsingManagedIdentity(this ILogger logger, string accountName);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Storage uses a connection string")]
    public static partial void UsingConnectionString(this ILogger logger);

    // Installations (3020–3039); tenant ids and keys stay at Debug.

    [LoggerMessage(EventId = 3020, Level = LogLevel.Debug, Message = "Installation {Key} in tenant {TenantId} activated")]
    public static partial void InstallationActivated(this ILogger logger, string tenantId, string key);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Debug, Message = "Installation {Key} in tenant {TenantId} changed while being updated; retrying")]
    public static partial void InstallationWriteConflict(this ILogger logger, string tenantId, string key);

    [LoggerMessage(EventId = 3023, Level = LogLevel.Debug, Message = "Installation {Key} in tenant {TenantId} marked removed")]
    public static partial void InstallationRemoved(this ILogger logger, string tenantId, string key);

    [LoggerMessage(EventId = 3024, Level = LogLevel.Debug, Message = "Settings of installation {Key} in tenant {TenantId} stored")]
    public static partial void InstallationSettingsStored(this ILogger logger, string tenantId, string key);
}
