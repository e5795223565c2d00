namespace TrustBot.Core.Outages;

/// <summary>
/// Storage could not be reached, or kept answering "busy", even after the storage client's own retries: whatever the
/// operation was meant to read or write is unknown to the caller, and trying again later is the only cure. The storage
/// adapter raises it in one place, so Core and the host can tell an outage from a bug without knowing the SDK.
/// </summary>
/// <remarks>
/// A write reported this way may still have landed (the answer was lost, not the request). Everything that writes is
/// therefore safe to repeat: ballots are one per participation hash, installs are idempotent.
/// </remarks>
public sealed class StorageUnavailableException : Exception
{
    /// <summary>Creates the exception without a message.</summary>
    public StorageUnavailableException()
        : base("Storage is unavailable.")
    {
    }

    /// <summary>Creates the exception with a message that names no key, id or URI.</summary>
    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the SDK's failure as its cause.</summary>
    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
