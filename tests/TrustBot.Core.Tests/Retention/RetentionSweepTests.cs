using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Retention;

namespace TrustBot.Core.Tests.Retention;

public sealed class RetentionSweepTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly Mock<IRetentionStore> _store = new(MockBehavior.Strict);
    private readonly FakeTimeProvider _clock = new(Now);

    [Fact]
    public async Task RunAsync_DefaultSettings_DeletesNotesOlderThan180DaysAndErasesTeamsRemovedBefore30Days()
    {
        var removedBefore = Now - TimeSpan.FromDays(30);
        _store.Setup(s => s.DeleteNotesStoredBeforeAsync(Now - TimeSpan.FromDays(180), None)).ReturnsAsync(4);
        _store.Setup(s => s.ListRemovedBeforeAsync(removedBefore, None)).ReturnsAsync(
            [new RemovedInstallation("t1", "19:a", Now - TimeSpan.FromDays(31)), new RemovedInstallation("t2", "19:b", Now - TimeSpan.FromDays(90))]);
        _store.Setup(s => s.EraseTeamAsync("t1", "19:a", removedBefore, None)).ReturnsAsync(Erased(12));
        _store.Setup(s => s.EraseTeamAsync("t2", "19:b", removedBefore, None)).ReturnsAsync(Erased(3));
        var cutoffs = new OperationalRowCutoffs(Now - TimeSpan.FromDays(1), Now - TimeSpan.FromDays(30), Now - TimeSpan.FromDays(30), Now - TimeSpan.FromDays(7));
        _store.Setup(s => s.DeleteExpiredOperationalRowsAsync(cutoffs, None)).ReturnsAsync(7);

        var result = await Sweep().RunAsync(None);

        Assert.Equal(new RetentionSweepResult(4, 2, 0, 7), result);
        _store.VerifyAll();
    }

    [Fact]
    public async Task RunAsync_ConfiguredPeriods_UsesThemAndTheInjectedClock()
    {
        _clock.Advance(TimeSpan.FromDays(2));
        var now = Now + TimeSpan.FromDays(2);
        _store.Setup(s => s.DeleteNotesStoredBeforeAsync(now - TimeSpan.FromDays(90), None)).ReturnsAsync(0);
        _store.Setup(s => s.ListRemovedBeforeAsync(now - TimeSpan.FromDays(7), None)).ReturnsAsync([]);
        var cutoffs = new OperationalRowCutoffs(now - TimeSpan.FromHours(6), now - TimeSpan.FromDays(20), now - TimeSpan.FromDays(3), now - TimeSpan.FromDays(2));
        _store.Setup(s => s.DeleteExpiredOperationalRowsAsync(cutoffs, None)).ReturnsAsync(0);

        var result = await Sweep(new RetentionOptions
        {
            NotesMaxAge = TimeSpan.FromDays(90),
            RemovedTeamGracePeriod = TimeSpan.FromDays(7),
            ExpiredLeaseMaxAge = TimeSpan.FromHours(6),
            IdempotencyMaxAge = TimeSpan.FromDays(20),
            DeadLettersMaxAge = TimeSpan.FromDays(3),
            LaunchCountsMaxAge = TimeSpan.FromDays(2),
        }).RunAsync(None);

        Assert.Equal(new RetentionSweepResult(0, 0, 0), result);
        _store.VerifyAll();
    }

    [Fact]
    public async Task RunAsync_OneTeamReinstalledAndOneFailing_CountsThemApartAndStillErasesTheRest()
    {
        _store.Setup(s => s.DeleteNotesStoredBeforeAsync(It.IsAny<DateTimeOffset>(), None)).ReturnsAsync(0);
        _store.Setup(s => s.ListRemovedBeforeAsync(It.IsAny<DateTimeOffset>(), None)).ReturnsAsync(
            [Removed("back"), Removed("broken"), Removed("gone")]);
        _store.Setup(s => s.EraseTeamAsync("t", "back", It.IsAny<DateTimeOffset>(), None)).ReturnsAsync(TeamErasure.NotErased);
        _store.Setup(s => s.EraseTeamAsync("t", "broken", It.IsAny<DateTimeOffset>(), None)).ThrowsAsync(new InvalidOperationException("storage down"));
        _store.Setup(s => s.EraseTeamAsync("t", "gone", It.IsAny<DateTimeOffset>(), None)).ReturnsAsync(Erased(5));
        _store.Setup(s => s.DeleteExpiredOperationalRowsAsync(It.IsAny<OperationalRowCutoffs>(), None)).ReturnsAsync(0);

        var result = await Sweep().RunAsync(None);

        Assert.Equal(new RetentionSweepResult(0, 1, 1), result);
        _store.Verify(s => s.EraseTeamAsync("t", "gone", It.IsAny<DateTimeOffset>(), None), Times.Once);
    }

    [Fact]
    public async Task RunAsync_NotesDeletionFails_Throws()
    {
        _store.Setup(s => s.DeleteNotesStoredBeforeAsync(It.IsAny<DateTimeOffset>(), None)).ThrowsAsync(new InvalidOperationException("storage down"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Sweep().RunAsync(None));
    }

    [Fact]
    public async Task RunAsync_OperationalRowsFail_ErasesTheTeamsFirst()
    {
        _store.Setup(s => s.DeleteNotesStoredBeforeAsync(It.IsAny<DateTimeOffset>(), None)).ReturnsAsync(0);
        _store.Setup(s => s.ListRemovedBeforeAsync(It.IsAny<DateTimeOffset>(), None)).ReturnsAsync([Removed("gone")]);
        _store.Setup(s => s.EraseTeamAsync("t", "gone", It.IsAny<DateTimeOffset>(), None)).ReturnsAsync(Erased(5));
        _store.Setup(s => s.DeleteExpiredOperationalRowsAsync(It.IsAny<OperationalRowCutoffs>(), None)).ThrowsAsync(new InvalidOperationException("storage down"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Sweep().RunAsync(None));

        _store.Verify(s => s.EraseTeamAsync("t", "gone", It.IsAny<DateTimeOffset>(), None), Times.Once);
    }

    [Fact]
    public void AddTrustBotCore_InvalidRetentionSettings_FailsWhenTheOptionsAreRead()
    {
        var services = CorePorts.AddTo(new ServiceCollection());
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Retention:NotesMaxAge"] = "00:10:00" })
            .Build());
        services.AddTrustBotCore();
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RetentionOptions>>().Value);

        Assert.Contains("Retention:NotesMaxAge", exception.Message, StringComparison.Ordinal);
        Assert.NotNull(provider.GetService<RetentionSweep>());
    }

    private RetentionSweep Sweep(RetentionOptions? options = null) =>
        new(_store.Object, Options.Create(options ?? new RetentionOptions()), _clock, NullLogger<RetentionSweep>.Instance);

    private static RemovedInstallation Removed(string key) => new("t", key, Now - TimeSpan.FromDays(40));

    private static TeamErasure Erased(int rows) => new(true, new Dictionary<string, int> { ["CheckIns"] = rows });
}
