using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.Delivery;

namespace TrustBot.Core.Tests.Delivery;

public sealed class OutboxSignalTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly OutboxSignal _signal = new();

    [Fact]
    public async Task WaitAsync_WokenWhileWaiting_ReturnsTrueAtOnce()
    {
        var waiting = _signal.WaitAsync(TimeSpan.FromSeconds(30), _time, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        _signal.Wake();

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task WaitAsync_WokenBeforeWaiting_IsNotLost_ButCountsOnce()
    {
        _signal.Wake();
        _signal.Wake();

        Assert.True(await _signal.WaitAsync(TimeSpan.FromSeconds(30), _time, CancellationToken.None));
        var second = _signal.WaitAsync(TimeSpan.FromSeconds(30), _time, CancellationToken.None);
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(await second.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task WaitAsync_Cancelled_Throws()
    {
        using var cancel = new CancellationTokenSource();
        var waiting = _signal.WaitAsync(TimeSpan.FromSeconds(30), _time, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
