using System.Net.Sockets;
using Azure;
using TrustBot.Core.Outages;

namespace TrustBot.Storage.Hosting;

/// <summary>
/// Tells "storage could not be reached or stayed busy" apart from every other storage failure. Only the former
/// becomes <see cref="StorageUnavailableException"/>; a 404, 409 or 412 is an answer the stores handle themselves, and
/// a 400, 401 or 403 is a bug or a misconfiguration that no retry fixes.
/// </summary>
internal static class StorageFailures
{
    /// <summary>
    /// The statuses the storage SDK itself treats as transient and retries (timeout, throttling, server errors). Seen
    /// after its retries, they mean storage is not serving now.
    /// </summary>
    public static bool IsUnavailableStatus(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>
    /// Whether <paramref name="exception"/> means no usable answer came back: no response at all (refused, reset, DNS,
    /// TLS), a network timeout, a transient status, or several attempts that each failed that way. A cancellation the
    /// caller asked for is not an outage.
    /// </summary>
    public static bool IsUnavailable(Exception exception, CancellationToken callerToken) => exception switch
    {
        StorageUnavailableException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(e => IsUnavailable(e, callerToken)),
        // Status 0: the SDK got no HTTP response; the transport failure is its inner exception.
        RequestFailedException failed => failed.Status == 0 || IsUnavailableStatus(failed.Status),
        HttpRequestException or SocketException or IOException or TimeoutException => true,
        // The SDK's per-attempt network timeout surfaces as a cancellation the caller never asked for.
        OperationCanceledException => !callerToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>The exception to throw for an unavailable outcome; its message names no key, table or URI.</summary>
    public static StorageUnavailableException Unavailable(Exception cause) =>
        cause as StorageUnavailableException
        ?? new StorageUnavailableException($"Storage did not answer after the client's retries ({Describe(cause)}).", cause);

    /// <summary>The exception to throw when the last answer was a transient status.</summary>
    public static StorageUnavailableException Unavailable(int status) =>
        new($"Storage answered {status.ToString(System.Globalization.CultureInfo.InvariantCulture)} after the client's retries.");

    private static string Describe(Exception cause) => cause switch
    {
        AggregateException aggregate => $"{aggregate.InnerExceptions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)} attempts, last {Describe(aggregate.InnerExceptions[^1])}",
        RequestFailedException { Status: 0, InnerException: { } inner } => inner.GetType().Name,
        RequestFailedException failed => failed.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => cause.GetType().Name,
    };
}
