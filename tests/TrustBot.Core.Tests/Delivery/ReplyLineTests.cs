using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.Delivery;

namespace TrustBot.Core.Tests.Delivery;

public sealed class ReplyLineTests
{
    private const string Chat = "tenant\na:chat";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Unsettled_IsTheLatestReplyQueuedUntilItsSenderFinishes()
    {
        var line = new ReplyLine(_time);
        Assert.Null(line.Unsettled(Chat));

        line.Queued(Chat, "a");
        line.Queued(Chat, "b");
        Assert.Equal("b", line.Unsettled(Chat));
        Assert.Null(line.Unsettled("tenant\na:other"));

        line.Settled("b");
        Assert.Null(line.Unsettled(Chat));
        Assert.Equal(ReplyState.Settled, line.StateOf("b"));
        Assert.Equal(ReplyState.Pending, line.StateOf("a"));
        Assert.Equal(ReplyState.Unknown, line.StateOf("c"));
    }

    [Fact]
    public async Task WaitSettledAsync_WakesWhenTheSenderFinishes()
    {
        var line = new ReplyLine(_time);
        line.Queued(Chat, "a");

        var waiting = line.WaitSettledAsync("a", TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        line.Settled("a");

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task WaitSettledAsync_UnknownOrNeverSettled_IsFalse()
    {
        var line = new ReplyLine(_time);
        line.Queued(Chat, "a");

        Assert.False(await line.WaitSettledAsync("unknown", TimeSpan.FromSeconds(1), CancellationToken.None));
        var waiting = line.WaitSettledAsync("a", TimeSpan.FromSeconds(1), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Queued_TheSameReplyAgainWhilePending_KeepsItsEntry()
    {
        var line = new ReplyLine(_time);
        line.Queued(Chat, "a");
        var waiting = line.WaitSettledAsync("a", TimeSpan.FromMinutes(1), CancellationToken.None);

        line.Queued(Chat, "a");
        line.Settled("a");

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Memory_ForgetsSettledRepliesAfterAMinuteAndPendingOnesAfterFifteen_AndReleasesTheirWaiters()
    {
        var line = new ReplyLine(_time);
        line.Queued(Chat, "sent");
        line.Settled("sent");
        line.Queued("tenant\na:elsewhere", "taken-by-another-instance");
        var waiting = line.WaitSettledAsync("taken-by-another-instance", TimeSpan.FromHours(1), CancellationToken.None);

        _time.Advance(ReplyLine.SettledMemory + TimeSpan.FromSeconds(31));
        line.Queued("tenant\na:third", "x");
        Assert.Equal(ReplyState.Unknown, line.StateOf("sent"));
        Assert.Equal(ReplyState.Pending, line.StateOf("taken-by-another-instance"));

        _time.Advance(ReplyLine.PendingMemory);
        line.Queued("tenant\na:fourth", "y");
        Assert.Equal(ReplyState.Unknown, line.StateOf("taken-by-another-instance"));
        Assert.Null(line.Unsettled("tenant\na:elsewhere"));
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(2, line.Count);
    }
}
