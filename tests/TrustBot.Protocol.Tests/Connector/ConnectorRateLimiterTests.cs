using Microsoft.Extensions.Time.Testing;
using TrustBot.Protocol.Connector;

namespace TrustBot.Protocol.Tests.Connector;

public sealed class ConnectorRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly ConnectorRateLimiter _limiter;

    public ConnectorRateLimiterTests()
    {
        _limiter = new ConnectorRateLimiter(_time, ConnectorRateLimits.Published);
    }

    private List<Task> Start(int count, Func<int, string> conversation) =>
        Enumerable.Range(0, count).Select(i => _limiter.WaitAsync(conversation(i), CancellationToken.None).AsTask()).ToList();

    [Fact]
    public void Teams_Limits_MatchPublishedValues()
    {
        Assert.Equal(
            [(1d, 7), (2d, 8), (30d, 60), (3600d, 1800)],
            ConnectorRateLimits.Published.PerConversation.Select(w => (w.Window.TotalSeconds, w.Limit)));
        Assert.Equal((1d, 50), (ConnectorRateLimits.Published.PerApp[0].Window.TotalSeconds, ConnectorRateLimits.Published.PerApp[0].Limit));
    }

    [Fact]
    public async Task WaitAsync_EightAtOnceInOneConversation_EighthWaitsOneSecond()
    {
        var waits = Start(8, _ => "a:1");

        Assert.All(waits.Take(7), w => Assert.True(w.IsCompletedSuccessfully));
        Assert.False(waits[7].IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(waits[7].IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await waits[7].WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task WaitAsync_NinthInOneConversation_WaitsForTwoSecondWindow()
    {
        var waits = Start(9, _ => "a:1");
        _time.Advance(TimeSpan.FromSeconds(1));
        await waits[7].WaitAsync(TimeSpan.FromSeconds(5));

        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(waits[8].IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await waits[8].WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task WaitAsync_SixtyFirstWithinThirtySeconds_WaitsUntilFirstLeavesWindow()
    {
        for (var i = 0; i < 60; i++)
        {
            Assert.True(_limiter.WaitAsync("a:1", CancellationToken.None).AsTask().IsCompletedSuccessfully, $"request {i} should not wait");
            _time.Advance(TimeSpan.FromMilliseconds(250));
        }

        var sixtyFirst = _limiter.WaitAsync("a:1", CancellationToken.None).AsTask();

        Assert.False(sixtyFirst.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(15) - TimeSpan.FromMilliseconds(1));
        Assert.False(sixtyFirst.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await sixtyFirst.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task WaitAsync_EighteenHundredInAnHour_NextWaitsUntilTheHourIsOver()
    {
        for (var i = 0; i < 1800; i++)
        {
            Assert.True(_limiter.WaitAsync("a:1", CancellationToken.None).AsTask().IsCompletedSuccessfully, $"request {i} should not wait");
            _time.Advance(TimeSpan.FromMilliseconds(500));
        }

        var next = _limiter.WaitAsync("a:1", CancellationToken.None).AsTask();

        // 2,700 s exactly: the first of the 1,800 leaves the hour then.
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(2700) - TimeSpan.FromMilliseconds(1));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await next.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task WaitAsync_FiftyOneConversationsInOneSecond_FiftyProceed()
    {
        var waits = Start(51, i => $"a:{i}");

        Assert.Equal(50, waits.Count(w => w.IsCompletedSuccessfully));
        Assert.False(waits[50].IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(waits[50].IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await waits[50].WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task QueuedCount_SixtyConversationsAtOnce_CountsTheTenWaitingUntilTheirSlot()
    {
        var waits = Start(60, i => $"a:{i}");

        Assert.Equal(10, _limiter.QueuedCount);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(10, _limiter.QueuedCount);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, _limiter.QueuedCount);
        await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task QueuedCount_CancelledWait_IsNoLongerCounted()
    {
        Start(7, _ => "a:1");
        using var cancellation = new CancellationTokenSource();
        var eighth = _limiter.WaitAsync("a:1", cancellation.Token).AsTask();
        Assert.Equal(1, _limiter.QueuedCount);

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => eighth);

        Assert.Equal(0, _limiter.QueuedCount);
    }

    [Fact]
    public void WaitAsync_BusyConversationWaiting_DoesNotHoldUpOthers()
    {
        var busy = Start(8, _ => "a:busy");

        var other = _limiter.WaitAsync("a:other", CancellationToken.None).AsTask();

        Assert.False(busy[7].IsCompleted);
        Assert.True(other.IsCompletedSuccessfully);
    }

    [Fact]
    public void WaitAsync_SevenEachInTwoConversations_AllProceed()
    {
        var waits = Start(14, i => i % 2 == 0 ? "a:1" : "a:2");

        Assert.All(waits, w => Assert.True(w.IsCompletedSuccessfully));
    }

    [Fact]
    public async Task WaitAsync_CancelledWait_GivesItsSlotBack()
    {
        Start(7, _ => "a:1");
        using var cancellation = new CancellationTokenSource();
        var eighth = _limiter.WaitAsync("a:1", cancellation.Token).AsTask();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => eighth);

        var replacement = _limiter.WaitAsync("a:1", CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromSeconds(1));

        await replacement.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void WaitAsync_IdleConversations_ArePruned()
    {
        Start(30, i => $"a:{i}");
        Assert.Equal(30, _limiter.TrackedConversationCount);

        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        Assert.True(_limiter.WaitAsync("a:new", CancellationToken.None).AsTask().IsCompletedSuccessfully);

        Assert.Equal(1, _limiter.TrackedConversationCount);
    }

    [Fact]
    public void WaitAsync_ConversationActiveWithinTheHour_IsKept()
    {
        Start(1, _ => "a:recent");
        _time.Advance(TimeSpan.FromMinutes(59));

        Assert.True(_limiter.WaitAsync("a:other", CancellationToken.None).AsTask().IsCompletedSuccessfully);

        Assert.Equal(2, _limiter.TrackedConversationCount);
    }

    [Fact]
    public void WaitAsync_MoreConversationsThanTheBound_TracksAtMostTheBound()
    {
        var limiter = new ConnectorRateLimiter(_time, ConnectorRateLimits.Published, maxConversations: 10);
        for (var i = 0; i < 35; i++)
        {
            limiter.WaitAsync($"a:{i}", CancellationToken.None).AsTask();
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.InRange(limiter.TrackedConversationCount, 1, 10);

        // The newest conversation is still paced: its eighth request in a second waits.
        var newest = Enumerable.Range(0, 8).Select(_ => limiter.WaitAsync("a:34", CancellationToken.None).AsTask()).ToList();
        Assert.False(newest[^1].IsCompleted);
    }

    [Fact]
    public void WaitAsync_BoundReachedWithIdleConversations_PrunesEveryIdleOneBeforeTheNextPruneTime()
    {
        var limiter = new ConnectorRateLimiter(_time, ConnectorRateLimits.Published, maxConversations: 4);
        limiter.WaitAsync("a:old-1", CancellationToken.None).AsTask();
        limiter.WaitAsync("a:old-2", CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        limiter.WaitAsync("a:1", CancellationToken.None).AsTask();   // the minute's prune runs here; both are still within the hour
        _time.Advance(TimeSpan.FromSeconds(2));
        limiter.WaitAsync("a:2", CancellationToken.None).AsTask();

        limiter.WaitAsync("a:3", CancellationToken.None).AsTask();

        // Both idle ones made room, not just the one a full map evicts; the three sent to within the hour are kept.
        Assert.Equal(3, limiter.TrackedConversationCount);
    }

    [Fact]
    public void ReserveSlot_RandomTraffic_NeverExceedsAnyWindow()
    {
        var random = new Random(1234);
        var limits = new ConnectorRateLimits(
            [new RateLimitWindow(TimeSpan.FromSeconds(1), 3), new RateLimitWindow(TimeSpan.FromSeconds(5), 8)],
            [new RateLimitWindow(TimeSpan.FromSeconds(1), 5)]);
        var limiter = new ConnectorRateLimiter(_time, limits);
        var slots = new List<(string Conversation, long Timestamp)>();
        for (var i = 0; i < 600; i++)
        {
            var conversation = $"a:{random.Next(4)}";
            var (slot, _) = limiter.ReserveSlot(conversation);
            slots.Add((conversation, slot));
            _time.Advance(TimeSpan.FromMilliseconds(random.Next(0, 120)));
        }

        AssertWithinLimits(slots.Select(s => s.Timestamp).ToList(), limits.PerApp);
        foreach (var group in slots.GroupBy(s => s.Conversation))
        {
            var times = group.Select(s => s.Timestamp).ToList();
            Assert.Equal(times.Order(), times);
            AssertWithinLimits(times, limits.PerConversation);
        }
    }

    private void AssertWithinLimits(List<long> times, IReadOnlyList<RateLimitWindow> windows)
    {
        var sorted = times.Order().ToList();
        foreach (var window in windows)
        {
            for (var i = 0; i + window.Limit < sorted.Count; i++)
            {
                Assert.True(
                    sorted[i + window.Limit] - sorted[i] >= (long)(window.Window.TotalSeconds * _time.TimestampFrequency),
                    $"{window.Limit + 1} slots within {window.Window} starting at {sorted[i]}");
            }
        }
    }
}
