using TrustBot.Protocol.Connector;

namespace TrustBot.Testing.Connector;

/// <summary>
/// An outbound token source that always returns the same token. Hosts under test use it because Azure.Identity
/// cannot be pointed at a fake authority, and nothing here may call the real one.
/// </summary>
public sealed class FixedBotTokenProvider(string token) : IBotTokenProvider
{
    public ValueTask<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(token);
}
