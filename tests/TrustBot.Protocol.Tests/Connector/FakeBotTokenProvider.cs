using TrustBot.Protocol.Connector;

namespace TrustBot.Protocol.Tests.Connector;

internal sealed class FakeBotTokenProvider(string? token, string? refreshedToken = null) : IBotTokenProvider
{
    private int _calls;
    private int _forcedCalls;

    public int Calls => _calls;

    public int ForcedCalls => _forcedCalls;

    public ValueTask<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (forceRefresh)
        {
            Interlocked.Increment(ref _forcedCalls);
            return ValueTask.FromResult(refreshedToken ?? token);
        }

        return ValueTask.FromResult(token);
    }
}
