using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.Delivery;

namespace TrustBot.Core.Tests.Delivery;

public sealed class OutboxSignalTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    private readonly OutboxSignal _signal = new();

    public void Dispose() => _signal.Dispose();

    [Fact]
    public async Task WaitAsync_NotifiedBefore_ReturnsWithoutTheClockMoving()
    {
        _signal.Notify();
        _signal.Notify();

        await _signal.WaitAsync(Poll, _time, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        // Two notifications before one wait wake it once: the next wait waits for the clock again.
        var next = _signal.WaitAsync(Poll, _time, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(next.IsCompleted);
        _time.Advance(Poll);
        await next.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task WaitAsync_NotifiedWhileWaiting_ReturnsBeforeThePollInterval()
    {
        var waiting = _signal.WaitAsync(Poll, _time, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        _signal.Notify();

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task WaitAsync_TimedOut_DoesNotSwallowALaterNotification()
    {
        var first = _signal.WaitAsync(Poll, _time, CancellationToken.None);
        _time.Advance(Poll);
        await first.WaitAsync(TimeSpan.FromSeconds(5));

        _signal.Notify();

        await _signal.WaitAsync(Poll, _time, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task WaitAsync_Stopping_Throws()
    {
        using var stopping = new CancellationTokenSource();
        var waiting = _signal.WaitAsync(Poll, _time, stopping.Token);

        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Notify_AfterTheHostDisposedIt_DoesNotFailTheSendThatWasQueued()
    {
        var signal = new OutboxSignal();
        signal.Dispose();

        signal.Notify();
    }
}
