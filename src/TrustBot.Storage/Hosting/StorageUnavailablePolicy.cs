using Azure.Core;
using Azure.Core.Pipeline;

namespace TrustBot.Storage.Hosting;

/// <summary>
/// The one place where the storage SDK's failures become <see cref="Core.Outages.StorageUnavailableException"/>.
/// Added per call, it wraps the SDK's retry policy, so it sees only the final outcome: a failure it translates has
/// already been retried, and a conflict or a missing row passes through untouched for the stores to handle.
/// </summary>
internal sealed class StorageUnavailablePolicy : HttpPipelinePolicy
{
    public static StorageUnavailablePolicy Instance { get; } = new();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        catch (Exception exception) when (StorageFailures.IsUnavailable(exception, message.CancellationToken))
        {
            throw StorageFailures.Unavailable(exception);
        }

        ThrowIfStillBusy(message);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception exception) when (StorageFailures.IsUnavailable(exception, message.CancellationToken))
        {
            throw StorageFailures.Unavailable(exception);
        }

        ThrowIfStillBusy(message);
    }

    private static void ThrowIfStillBusy(HttpMessage message)
    {
        if (message.HasResponse && StorageFailures.IsUnavailableStatus(message.Response.Status))
        {
            throw StorageFailures.Unavailable(message.Response.Status);
        }
    }
}
