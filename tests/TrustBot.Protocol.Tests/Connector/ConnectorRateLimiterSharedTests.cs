using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Protocol.Connector;
using TrustBot.Protocol.Tests.Authentication;

namespace TrustBot.Protocol.Tests.Connector;

// Limiters (instances) that take a tenant's app slots from one shared schedule. The clock moves only once every
// request let go so far has finished, so the instant a request finishes is the instant its limiter let it go.
public sealed class ConnectorRateLimiterSharedTests
{
    private const string Tenant = "tenant-a";
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(3);

    // Teams' app windows with fixed margins (50 per 1.05 s, 5 per 105 ms), so that shared slots are 21 ms apart, a
    // multiple of the step, whatever margin the product ships with.
    private static readonly ConnectorRateLimits Limits = ConnectorRateLimits.Teams with
    {
        PerApp = [new RateLimitWindow(TimeSpan.FromMilliseconds(1050), 50), new RateLimitWindow(TimeSpan.FromMilliseconds(105), 5)],
    };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemorySendBudget _budget = new();

    [Fact]
    public async Task WaitAsync_TwoInstancesOneTenant_KeepThePublishedAppLimitTogether()
    {
        var instances = new[] { Shared(), Shared() };
        var started = _time.GetUtcNow();
        _budget.Slow = true;

        var sends = Enumerable.Range(0, 240).Select(i => SendAsync(instances[i % 2], Tenant, $"a:{i}")).ToList();
        await DriveAsync(sends, instances);

        var instants = sends.Select(s => s.Result).Order().ToList();
        AssertAtMost(instants, ConnectorRateLimits.Published.PerApp[0]);
        // Not slower than one slot per 21 ms (50 per 1.05 s) allows: unused bookings wasted next to nothing.
        var elapsed = instants[^1] - started;
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(239 * 21), TimeSpan.FromMilliseconds((239 * 21) + 150));
        // Booked in chunks: far fewer calls than sends, and never more than a chunk at once.
        Assert.All(_budget.Calls, c => Assert.InRange(c.Count, 1, ConnectorRateLimiter.MaxChunk));
        Assert.True(_budget.Calls.Count is >= 24 and <= 32, string.Join(" ", _budget.Calls.Select(c => $"{c.Count}@{(c.NotBefore - started).TotalMilliseconds}")));
        Assert.InRange(_budget.Calls.Sum(c => c.Count), 240, 250);
    }

    [Fact]
    public async Task WaitAsync_AnotherTenantDuringABacklog_IsNotDelayed()
    {
        var limiter = Shared();
        var backlog = Enumerable.Range(0, 200).Select(i => SendAsync(limiter, Tenant, $"a:{i}")).ToList();
        await DriveUntilAsync(() => backlog.Count(s => s.IsCompleted) >= 20, backlog, [limiter]);
        var asked = _time.GetUtcNow();

        // The clock stands still: behind the backlog, the send would wait for seconds of it.
        var other = SendAsync(limiter, "tenant-b", "b:1");

        Assert.Equal(asked, await other.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(backlog.Count(s => !s.IsCompleted) > 150, "The backlog was gone before the other tenant's send went.");
        await DriveAsync(backlog, [limiter]);
    }

    [Fact]
    public async Task WaitAsync_OneRequest_BooksOneSlotAndGoesAtOnce()
    {
        var limiter = Shared();
        var asked = _time.GetUtcNow();

        // The clock stands still: the send goes once the booking is answered, in the slot it booked.
        var send = SendAsync(limiter, Tenant, "a:1");

        Assert.Equal(asked, await send.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, Assert.Single(_budget.Calls).Count);
    }

    [Fact]
    public async Task WaitAsync_Burst_BooksTheNextSlotsBeforeTheWaitingRequestsRunOut()
    {
        var limiter = Shared();
        var burst = Enumerable.Range(0, 3).Select(i => SendAsync(limiter, Tenant, $"a:{i}")).ToList();

        // Booked for the three, then five more while nobody waits yet: the burst is likely to go on.
        await WaitUntilAsync(() => _budget.Calls.Sum(c => c.Count) >= 8);
        await Task.Delay(50);
        var calls = _budget.Calls.Count;
        var next = SendAsync(limiter, Tenant, "a:next");
        await Task.Delay(50);

        // The next request took a spare slot without booking for itself; taking it only topped the spares up again.
        Assert.Equal(calls + 1, _budget.Calls.Count);
        Assert.Equal(5, _budget.Calls[^1].Count);
        await DriveAsync([.. burst, next], [limiter]);
        Assert.Equal(TimeSpan.FromMilliseconds(63), (await next) - _budget.Calls[0].NotBefore);
    }

    [Fact]
    public async Task WaitAsync_BookingAnsweredAfterItsSlotPassed_DropsTheSlotAndBooksAgain()
    {
        var limiter = Shared();
        var late = true;
        // The first answer takes a fifth of a second: its slot, asked for now, has long passed by the time it comes back.
        _budget.Answering = () =>
        {
            if (late)
            {
                late = false;
                _time.Advance(TimeSpan.FromMilliseconds(200));
            }
        };
        var asked = _time.GetUtcNow();

        var send = SendAsync(limiter, Tenant, "a:1");
        await DriveAsync([send], [limiter]);

        // Sent in the second booking's slot, not a fifth of a second late in the first's (which could crowd the slots
        // booked after it, perhaps by another instance).
        Assert.Equal(2, _budget.Calls.Count);
        Assert.True(await send >= _budget.Calls[1].NotBefore, $"{(await send - asked).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task WaitAsync_ManyWaiting_BooksNoMoreThanHalfASecondAhead()
    {
        var limiter = Shared();
        var sends = Enumerable.Range(0, 100).Select(i => SendAsync(limiter, Tenant, $"a:{i}")).ToList();

        // The clock stands still: whatever is booked now is booked ahead.
        await WaitUntilAsync(() => _budget.Calls.Count >= 3);
        await Task.Delay(100);

        var booked = _budget.Calls.Sum(c => c.Count);
        Assert.InRange(booked, 24, 24 + ConnectorRateLimiter.MaxChunk);
        await DriveAsync(sends, [limiter]);
    }

    [Fact]
    public async Task WaitAsync_CancelledWaitWithAGrantedSlot_GivesTheSlotBackToTheNextRequest()
    {
        // Another instance has booked the next ten slots.
        await _budget.ReserveAsync(Tenant, 10, TimeSpan.FromMilliseconds(21), _time.GetUtcNow(), CancellationToken.None);
        var limiter = Shared();
        using var cancellation = new CancellationTokenSource();

        var cancelled = limiter.WaitAsync(Tenant, "b:1", cancellation.Token).AsTask();
        await WaitUntilAsync(() => _budget.Calls.Count == 2);
        await Task.Delay(50);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        var replacement = SendAsync(limiter, Tenant, "b:2");
        await DriveAsync([replacement], [limiter]);

        // It went in the slot booked for the cancelled request, 10 slots into the schedule, without another booking.
        Assert.Equal(2, _budget.Calls.Count);
        Assert.Equal(_budget.Calls[1].NotBefore + TimeSpan.FromMilliseconds(210), await replacement);
    }

    [Fact]
    public async Task WaitAsync_ScheduleUnreachable_PacesAtTheLocalShareAndSaysSoOnce()
    {
        using var logs = new CapturingLoggerProvider();
        var limiter = Shared(logs.CreateLogger("limiter"));
        _budget.Failing = true;

        var sends = Enumerable.Range(0, 20).Select(i => SendAsync(limiter, Tenant, $"a:{i}")).ToList();
        await DriveAsync(sends, [limiter]);

        // With three instances each gets a third of each app window: 16 per 1.05 s, 1 per 105 ms.
        var instants = sends.Select(s => s.Result).Order().ToList();
        AssertAtMost(instants, new RateLimitWindow(TimeSpan.FromMilliseconds(1050), 16));
        AssertAtMost(instants, new RateLimitWindow(TimeSpan.FromMilliseconds(105), 1));
        Assert.Single(_budget.Calls);
        Assert.Single(logs.Entries, e => e.EventId == 1231 && e.Level == LogLevel.Warning);

        // Asked again once the retry time has passed, and paced across instances from then on.
        _budget.Failing = false;
        _time.Advance(TimeSpan.FromSeconds(15));
        var later = SendAsync(limiter, Tenant, "a:later");
        await DriveAsync([later], [limiter]);
        Assert.Equal(2, _budget.Calls.Count);
        Assert.Single(logs.Entries, e => e.EventId == 1232);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(Tenant, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WaitAsync_NoTenant_IsPacedAtTheLocalShareWithoutAskingTheSchedule()
    {
        var limiter = Shared();

        var sends = Enumerable.Range(0, 3).Select(i => SendAsync(limiter, string.Empty, $"a:{i}")).ToList();
        await DriveAsync(sends, [limiter]);

        Assert.Empty(_budget.Calls);
        Assert.InRange((await sends[2]) - (await sends[0]), TimeSpan.FromMilliseconds(210), TimeSpan.FromMilliseconds(211));
    }

    private ConnectorRateLimiter Shared(ILogger? logger = null) =>
        new(_time, Limits, _budget, instances: 3, logger ?? NullLogger.Instance);

    private async Task<DateTimeOffset> SendAsync(ConnectorRateLimiter limiter, string tenantId, string conversationId)
    {
        await limiter.WaitAsync(tenantId, conversationId, CancellationToken.None);
        return _time.GetUtcNow();
    }

    // Moves the clock until every request has finished.
    private Task DriveAsync(List<Task<DateTimeOffset>> sends, ConnectorRateLimiter[] limiters) =>
        DriveUntilAsync(() => sends.All(s => s.IsCompleted), sends, limiters);

    // Moves the clock 3 ms at a time (slots here are multiples of 3 ms apart) until done, each time only once every
    // request is either finished or waiting in a limiter.
    private async Task DriveUntilAsync(Func<bool> done, List<Task<DateTimeOffset>> sends, ConnectorRateLimiter[] limiters)
    {
        var watch = Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"{sends.Count(s => !s.IsCompleted)} of {sends.Count} requests still waiting.");
            if (sends.Count(s => s.IsCompleted) + limiters.Sum(l => l.QueuedCount) >= sends.Count)
            {
                _time.Advance(Step);
            }

            await Task.Delay(1);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "The condition was not met within 10 s.");
            await Task.Delay(1);
        }
    }

    private static void AssertAtMost(List<DateTimeOffset> sorted, RateLimitWindow window)
    {
        for (var i = 0; i + window.Limit < sorted.Count; i++)
        {
            Assert.True(
                sorted[i + window.Limit] - sorted[i] >= window.Window,
                $"{window.Limit + 1} requests within {window.Window}, from {sorted[i]:HH:mm:ss.fff} to {sorted[i + window.Limit]:HH:mm:ss.fff}.");
        }
    }
}
