namespace TrustBot.Benchmarks.Memory;

/// <summary>
/// The child host's memory after a full collection: its resident set from <c>/proc/&lt;pid&gt;/status</c> (with the
/// anonymous, file-backed and shared parts; the runtime's W^X double mapping of JIT code shows as shared) and what its
/// GC reported.
/// </summary>
internal sealed record HostMemory(long RssBytes, long RssAnonBytes, long RssFileBytes, long RssShmemBytes, long LiveHeapBytes, long CommittedBytes, int JitMethods)
{
    public const double Megabyte = 1_000_000d;

    /// <summary>The GC mode and settings the host reported, which show that a variant took effect.</summary>
    public string GcMode { get; init; } = string.Empty;
}
