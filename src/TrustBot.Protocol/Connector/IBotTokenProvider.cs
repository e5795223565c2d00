namespace TrustBot.Protocol.Connector;

/// <summary>Supplies the bearer token for outbound Connector calls; the test seam for outbound auth.</summary>
public interface IBotTokenProvider
{
    /// <summary>
    /// Returns a token for the Connector scope, cached while it is fresh; <paramref name="forceRefresh"/> skips the
    /// cache (after a 401). Null means local mode: send no <c>Authorization</c> header.
    /// </summary>
    ValueTask<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken);
}
