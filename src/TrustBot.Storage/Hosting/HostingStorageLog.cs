using Microsoft.Extensions.Logging;
using TrustBot.Core.Messaging;

namespace TrustBot.Storage.Hosting;

internal static partial class HostingStorageLog
{
    // Start-up and health (3000–3019)

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Storage tables are ready in account {AccountName} ({Count} tables)")]
    public static partial void TablesReady(this ILogger logger, string accountName, int count);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error,
        Message = "Storage {What} could not be created ({ExceptionType}); TrustBot stays not ready and retries in {Delay}. Check Storage:ConnectionString or Storage:AccountName and the app's roles on the account")]
    public static partial void StorageInitializationRetrying(this ILogger logger, string what, string exceptionType, TimeSpan delay);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Storage uses managed identity for account {AccountName}")]
    public static partial void UsingManagedIdentity(this ILogger logger, string accountName);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Storage uses a connection string")]
    public static partial void UsingConnectionString(this ILogger logger);

    // Installations (3020–3039). An installation's key is a team or conversation id and its partition a tenant id,
    // so no level logs them.

    [LoggerMessage(EventId = 3020, Level = LogLevel.Debug, Message = "A {Kind} installation was stored active (a reinstall: {Reinstall})")]
    public static partial void InstallationActivated(this ILogger logger, ConversationKind kind, bool reinstall);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Debug, Message = "An installation changed while being updated (attempt {Attempt}); retrying")]
    public static partial void InstallationWriteConflict(this ILogger logger, int attempt);

    [LoggerMessage(EventId = 3023, Level = LogLevel.Debug, Message = "An installation was marked removed")]
    public static partial void InstallationRemoved(this ILogger logger);

    [LoggerMessage(EventId = 3024, Level = LogLevel.Debug, Message = "An installation's settings were stored")]
    public static partial void InstallationSettingsStored(this ILogger logger);
}
