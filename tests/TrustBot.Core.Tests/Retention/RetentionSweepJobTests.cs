using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Retention;
using TrustBot.Core.Scheduling;
using OptionsFactory = Microsoft.Extensions.Options.Options;

namespace TrustBot.Core.Tests.Retention;

public sealed class RetentionSweepJobTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RetentionOptions Settings = new() { SweepInterval = TimeSpan.FromMinutes(20) };

    private readonly Mock<IRetentionStore> _store = new();
    private readonly FakeTimeProvider _clock = new(Now);

    [Fact]
    public void FirstDueAt_IsOneIntervalOn()
    {
        Assert.Equal(Now.AddMinutes(20), Job().FirstDueAt(Now));
    }

    [Fact]
    public async Task RunAsync_Sweeps_AndIsNextDueAnIntervalAfterTheSweepEnded()
    {
        _store.Setup(s => s.ListRemovedBeforeAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        // A sweep that takes a while: the next one is an interval after it ended, not after it was due.
        _store.Setup(s => s.DeleteNotesStoredBeforeAsync(Now - Settings.NotesMaxAge, It.IsAny<CancellationToken>()))
            .Callback(() => _clock.Advance(TimeSpan.FromMinutes(3))).ReturnsAsync(2);

        var run = await Job().RunAsync(ServiceWide.Entry(RetentionSweepJob.JobKind, Now), CancellationToken.None);

        _store.Verify(s => s.DeleteNotesStoredBeforeAsync(Now - Settings.NotesMaxAge, It.IsAny<CancellationToken>()), Times.Once);
        _store.Verify(s => s.DeleteExpiredOperationalRowsAsync(It.IsAny<OperationalRowCutoffs>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Empty(run.Sends);
        Assert.Equal(Now.AddMinutes(23), run.NextDueAt);
    }

    private RetentionSweepJob Job()
    {
        var options = OptionsFactory.Create(Settings);
        return new RetentionSweepJob(new RetentionSweep(_store.Object, options, _clock, NullLogger<RetentionSweep>.Instance), options, _clock);
    }
}
