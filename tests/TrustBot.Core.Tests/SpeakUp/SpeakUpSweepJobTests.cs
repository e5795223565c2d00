using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.Scheduling;
using TrustBot.Core.SpeakUp;
using TrustBot.Core.Tests.Fakes;
using TrustBot.Core.Tests.Settings;
using OptionsFactory = Microsoft.Extensions.Options.Options;

namespace TrustBot.Core.Tests.SpeakUp;

public sealed class SpeakUpSweepJobTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 11, 9, 0, 0, TimeSpan.Zero);
    private static readonly SpeakUpOptions Settings = new() { ReleaseInterval = TimeSpan.FromMinutes(10), CloseInterval = TimeSpan.FromMinutes(3) };

    private readonly InMemorySpeakUpStore _store = new();
    private readonly InMemoryTimetable _timetable = new();

    [Fact]
    public async Task RunAsync_OverduePromptsWithoutACloseEntry_GetOneAtTheirClose_OthersKeepTheirs()
    {
        var lost = SpeakUpCloseJobTests.Session("s-lost", Now.AddDays(-90));
        var planned = SpeakUpCloseJobTests.Session("s-planned", Now.AddMinutes(-1));
        var open = SpeakUpCloseJobTests.Session("s-open", Now.AddDays(2));
        foreach (var session in new[] { lost, planned, open })
        {
            await _store.CreateSessionAsync(session, [1, 2, 3], CancellationToken.None);
        }

        var kept = SpeakUpCloseJob.EntryFor(planned) with { DueAt = Now.AddSeconds(30) };
        await _timetable.SetAsync(kept, CancellationToken.None);

        var run = await Job().RunAsync(ServiceWide.Entry(SpeakUpSweepJob.JobKind, Now), CancellationToken.None);

        Assert.Empty(run.Sends);
        Assert.Equal(Now + Settings.CloseInterval, run.NextDueAt);
        Assert.Equal(SpeakUpCloseJob.EntryFor(lost), _timetable[TestIds.TenantId, TestIds.TeamId, "speakup-close|s-lost"]);
        Assert.Equal(kept, _timetable[TestIds.TenantId, TestIds.TeamId, "speakup-close|s-planned"]);
        Assert.Null(_timetable[TestIds.TenantId, TestIds.TeamId, "speakup-close|s-open"]);
        // Nothing is closed here: the close entries do that.
        Assert.NotNull(await _store.GetSaltAsync(TestIds.TenantId, "s-lost", CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_OpenPromptWithoutItsReleaseJob_GetsOne()
    {
        var session = SpeakUpCloseJobTests.Session("s-unplanned", Now.AddDays(2));
        await _store.CreateSessionAsync(session, [1, 2, 3], CancellationToken.None);

        await Job().RunAsync(ServiceWide.Entry(SpeakUpSweepJob.JobKind, Now), CancellationToken.None);

        Assert.Equal(NoteReleases.FirstEntry(session, Settings), _timetable[TestIds.TenantId, TestIds.TeamId, NoteReleases.JobName("s-unplanned")]);
    }

    [Fact]
    public void FirstDueAt_IsAtOnce()
    {
        Assert.Equal(Now, Job().FirstDueAt(Now));
    }

    private SpeakUpSweepJob Job()
    {
        var options = OptionsFactory.Create(Settings);
        var clock = new FakeTimeProvider(Now);
        var planner = new NoteReleasePlanner(_store, _timetable, options, clock, NullLogger<NoteReleasePlanner>.Instance);
        return new SpeakUpSweepJob(_store, _timetable, planner, options, clock, NullLogger<SpeakUpSweepJob>.Instance);
    }
}
