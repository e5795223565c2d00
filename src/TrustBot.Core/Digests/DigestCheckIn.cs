namespace TrustBot.Core.Digests;

/// <summary>The check-in a digest reports on.</summary>
/// <param name="ClosedAt">When it stopped taking answers.</param>
/// <param name="Threshold">The effective threshold k it was held to.</param>
/// <param name="Results">Its results, or null while fewer than k people answered (then nothing numeric is shown).</param>
public sealed record DigestCheckIn(DateTimeOffset ClosedAt, int Threshold, DigestResults? Results);
