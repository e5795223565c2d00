using Microsoft.Extensions.Time.Testing;
using TrustBot.Protocol.Connector;

namespace TrustBot.Protocol.Tests.Connector.TeamsLimits;

public sealed class ConnectorArrivalGuardTests
{
    private const string Tenant = "tenant-a";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private ConnectorArrivalGuard Guard(params RateLimitWindow[] windows) =>
        new(_clock, new ConnectorRateLimits([], []) { PerAppAsSent = windows });

    [Fact]
    public void WaitAsync_RequestsSpacedInsideTheWindow_AreNeverHeld()
    {
        var guard = Guard(new RateLimitWindow(TimeSpan.FromSeconds(1), 3));

        for (var i = 0; i < 10; i++)
        {
            Assert.True(guard.WaitAsync(Tenant, CancellationToken.None).AsTask().IsCompletedSuccessfully, $"request {i} was held");
            _clock.Advance(TimeSpan.FromMilliseconds(340));
        }
    }

    [Fact]
    public async Task WaitAsync_AfterLateRequestsWentTogether_HoldsTheNextUntilTheyLeaveTheWindow()
    {
        var guard = Guard(new RateLimitWindow(TimeSpan.FromSeconds(1), 3));
        // A stall let three requests go at one instant.
        for (var i = 0; i < 3; i++)
        {
            await guard.WaitAsync(Tenant, CancellationToken.None);
        }

        _clock.Advance(TimeSpan.FromMilliseconds(600));
        var fourth = guard.WaitAsync(Tenant, CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(fourth.IsCompleted);
        Assert.Equal(1, guard.HeldCount);

        _clock.Advance(TimeSpan.FromMilliseconds(399));
        await Task.Delay(50);
        Assert.False(fourth.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await fourth.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, guard.HeldCount);
    }

    [Fact]
    public async Task WaitAsync_OneTenantsLateBurst_DoesNotHoldAnotherTenant_AndIsForgottenOnceItCannotCount()
    {
        var guard = Guard(new RateLimitWindow(TimeSpan.FromSeconds(1), 3));
        for (var i = 0; i < 3; i++)
        {
            await guard.WaitAsync(Tenant, CancellationToken.None);
        }

        var held = guard.WaitAsync(Tenant, CancellationToken.None).AsTask();
        Assert.False(held.IsCompleted);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(guard.WaitAsync("tenant-b", CancellationToken.None).AsTask().IsCompletedSuccessfully, $"tenant-b request {i} was held");
        }

        Assert.Equal(2, guard.TrackedTenants);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await held.WaitAsync(TimeSpan.FromSeconds(5));
        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.True(guard.WaitAsync("tenant-c", CancellationToken.None).AsTask().IsCompletedSuccessfully);
        Assert.Equal(1, guard.TrackedTenants);
    }

    [Fact]
    public void WaitAsync_NoWindows_NeverHolds()
    {
        var guard = Guard();

        for (var i = 0; i < 1000; i++)
        {
            Assert.True(guard.WaitAsync(Tenant, CancellationToken.None).AsTask().IsCompletedSuccessfully);
        }
    }

    [Fact]
    public void Teams_GuardWindows_LieBetweenThePublishedAndTheReservedOnes()
    {
        // Looser than what the limiter reserves, so a host that keeps time is never held; tighter than Teams' own.
        var published = ConnectorRateLimits.Published.PerApp.Single();
        var reserved = ConnectorRateLimits.Teams.PerApp.Single(w => w.Limit == published.Limit);
        var guarded = ConnectorRateLimits.Teams.PerAppAsSent.Single();

        Assert.Equal(published.Limit, guarded.Limit);
        Assert.InRange(guarded.Window, published.Window + TimeSpan.FromMilliseconds(1), reserved.Window - TimeSpan.FromMilliseconds(1));
    }
}
