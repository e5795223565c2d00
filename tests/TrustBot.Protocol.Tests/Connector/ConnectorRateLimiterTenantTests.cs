using Microsoft.Extensions.Time.Testing;
using TrustBot.Protocol.Connector;

namespace TrustBot.Protocol.Tests.Connector;

// The app windows are kept per tenant, as Teams counts them: one tenant's backlog never delays another's sends.
public sealed class ConnectorRateLimiterTenantTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void WaitAsync_BusyTenant_DoesNotHoldUpAnotherTenant()
    {
        var limiter = new ConnectorRateLimiter(_time, ConnectorRateLimits.Published);

        var busy = Enumerable.Range(0, 60).Select(i => limiter.WaitAsync("tenant-a", $"a:{i}", CancellationToken.None).AsTask()).ToList();
        var other = limiter.WaitAsync("tenant-b", "a:b", CancellationToken.None).AsTask();

        Assert.Equal(50, busy.Count(t => t.IsCompletedSuccessfully));
        Assert.True(other.IsCompletedSuccessfully, "The other tenant's first send waited behind the busy tenant's backlog.");
    }

    [Fact]
    public async Task WaitAsync_FiftyFirstOfOneTenant_WaitsForItsOwnWindow()
    {
        var limiter = new ConnectorRateLimiter(_time, ConnectorRateLimits.Published);
        Enumerable.Range(0, 25).ToList().ForEach(i => limiter.WaitAsync("tenant-b", $"b:{i}", CancellationToken.None).AsTask());

        var waits = Enumerable.Range(0, 51).Select(i => limiter.WaitAsync("tenant-a", $"a:{i}", CancellationToken.None).AsTask()).ToList();

        Assert.Equal(50, waits.Count(t => t.IsCompletedSuccessfully));
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(waits[50].IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await waits[50].WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void WaitAsync_SameConversationIdInTwoTenants_KeepsOneConversationLog()
    {
        // Conversation ids are unique across tenants; the conversation windows do not depend on the tenant.
        var limiter = new ConnectorRateLimiter(_time, ConnectorRateLimits.Published);
        Enumerable.Range(0, 7).ToList().ForEach(_ => limiter.WaitAsync("tenant-a", "a:1", CancellationToken.None).AsTask());

        Assert.False(limiter.WaitAsync("tenant-b", "a:1", CancellationToken.None).AsTask().IsCompleted);
    }

    [Fact]
    public void WaitAsync_IdleTenants_AreForgottenAtTheNextPrune()
    {
        var limiter = new ConnectorRateLimiter(_time, ConnectorRateLimits.Published);
        limiter.WaitAsync("tenant-1", "a:1", CancellationToken.None).AsTask();
        limiter.WaitAsync("tenant-2", "a:2", CancellationToken.None).AsTask();
        Assert.Equal(2, limiter.TrackedTenantCount);

        _time.Advance(TimeSpan.FromMinutes(1));
        limiter.WaitAsync("tenant-3", "a:3", CancellationToken.None).AsTask();

        Assert.Equal(1, limiter.TrackedTenantCount);
    }

    [Fact]
    public void WaitAsync_MoreTenantsThanTheBound_ForgetsIdleOnesToStayWithinIt()
    {
        var limiter = new ConnectorRateLimiter(_time, ConnectorRateLimits.Published, maxConversations: 1_000, maxTenants: 3);
        for (var i = 0; i < 3; i++)
        {
            limiter.WaitAsync($"tenant-{i}", $"a:{i}", CancellationToken.None).AsTask();
        }

        // Their sends no longer count in any app window, though the minute's prune is not due yet.
        _time.Advance(TimeSpan.FromSeconds(2));
        limiter.WaitAsync("tenant-new", "a:new", CancellationToken.None).AsTask();

        Assert.Equal(1, limiter.TrackedTenantCount);
    }

    [Fact]
    public async Task WaitAsync_BoundReachedByBusyTenants_KeepsTheirWindows()
    {
        var limiter = new ConnectorRateLimiter(_time, ConnectorRateLimits.Published, maxConversations: 1_000, maxTenants: 2);
        var first = Enumerable.Range(0, 51).Select(i => limiter.WaitAsync("tenant-0", $"a:0-{i}", CancellationToken.None).AsTask()).ToList();
        Enumerable.Range(0, 51).ToList().ForEach(i => limiter.WaitAsync("tenant-1", $"a:1-{i}", CancellationToken.None).AsTask());

        _ = limiter.WaitAsync("tenant-2", "a:2", CancellationToken.None).AsTask();

        // Both busy tenants have a request waiting, so neither was forgotten: the map grows past its bound instead.
        Assert.Equal(3, limiter.TrackedTenantCount);
        var again = limiter.WaitAsync("tenant-0", "a:0-again", CancellationToken.None).AsTask();
        Assert.False(again.IsCompleted, "A forgotten tenant would have let this send go at once.");
        _time.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(first[50], again).WaitAsync(TimeSpan.FromSeconds(5));
    }
}
