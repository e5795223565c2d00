using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.Scheduling;
using TrustBot.Core.SpeakUp;
using TrustBot.Core.Tests.Fakes;
using TrustBot.Core.Tests.Settings;

namespace TrustBot.Core.Tests.SpeakUp;

public sealed class NoteReleasePlannerTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 11, 9, 0, 0, TimeSpan.Zero);
    private static readonly SpeakUpOptions Settings = new() { ReleaseInterval = TimeSpan.FromMinutes(10) };

    private readonly InMemorySpeakUpStore _store = new();
    private readonly InMemoryTimetable _timetable = new();

    [Fact]
    public async Task PlanMissingAsync_OpenSessionsWithoutAJob_GetOneDueAnIntervalAfterOpening_OthersKeepTheirs()
    {
        var unplanned = SpeakUpCloseJobTests.Session("s-unplanned", Now.AddDays(2));
        var planned = SpeakUpCloseJobTests.Session("s-planned", Now.AddDays(3));
        var closed = SpeakUpCloseJobTests.Session("s-closed", Now.AddDays(1));
        foreach (var session in new[] { unplanned, planned, closed })
        {
            await _store.CreateSessionAsync(session, [1, 2, 3], CancellationToken.None);
        }

        await _store.CloseSessionAsync(TestIds.TenantId, "s-closed", Now, CancellationToken.None);
        var kept = new TimetableEntry(TestIds.TenantId, TestIds.TeamId, NoteReleases.JobName("s-planned"), Now.AddMinutes(4));
        await _timetable.SetAsync(kept, CancellationToken.None);

        Assert.Equal(1, await Planner().PlanMissingAsync(CancellationToken.None));
        Assert.Equal(0, await Planner().PlanMissingAsync(CancellationToken.None));

        Assert.Equal(unplanned.OpensAt + Settings.ReleaseInterval, _timetable[TestIds.TenantId, TestIds.TeamId, NoteReleases.JobName("s-unplanned")]?.DueAt);
        Assert.Equal(kept, _timetable[TestIds.TenantId, TestIds.TeamId, NoteReleases.JobName("s-planned")]);
        Assert.Null(_timetable[TestIds.TenantId, TestIds.TeamId, NoteReleases.JobName("s-closed")]);
    }

    [Fact]
    public async Task PlanAsync_NewSession_AddsItsReleaseJobOnce()
    {
        var session = SpeakUpCloseJobTests.Session("s-1", Now.AddDays(7));

        await Planner().PlanAsync(session, CancellationToken.None);
        await Planner().PlanAsync(session with { OpensAt = Now.AddDays(1) }, CancellationToken.None);

        var entry = Assert.Single(_timetable.All);
        Assert.Equal(new TimetableEntry(TestIds.TenantId, TestIds.TeamId, "note-release|s-1", session.OpensAt + Settings.ReleaseInterval), entry);
    }

    private NoteReleasePlanner Planner() =>
        new(_store, _timetable, Microsoft.Extensions.Options.Options.Create(Settings), new FakeTimeProvider(Now), NullLogger<NoteReleasePlanner>.Instance);
}
