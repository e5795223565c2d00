using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Scheduling;
using TrustBot.Core.SpeakUp;
using TrustBot.Core.Tests.Fakes;
using static TrustBot.Core.Tests.Scheduling.Instants;

namespace TrustBot.Core.Tests.Scheduling;

public sealed class TeamJobsTests
{
    // Tuesday 10:00 in Berlin (UTC+1 in November), the default slot, plus a few seconds of tick delay.
    private static readonly DateTimeOffset SlotInstant = At("2026-11-24T09:00:00Z");
    private static readonly TeamSchedule Berlin = TeamSchedule.Default("Europe/Berlin");

    private readonly InMemoryInstallationStore _installations = new();
    private readonly FakeTimeProvider _time = new(SlotInstant.AddSeconds(20));

    [Fact]
    public async Task CheckInJob_ActiveTeam_PlansOneSendKeyedByOccurrenceAndNextWeek()
    {
        _installations.Seed(Team(Berlin));
        var entry = Entry(JobNames.CheckIn);

        var run = await new CheckInJob(_installations, _time).RunAsync(entry, CancellationToken.None);

        var send = Assert.Single(run.Sends);
        Assert.Equal("checkin:" + entry.OccurrenceKey, send.IdempotencyKey);
        Assert.Equal(OutboundKinds.CheckIn, send.Kind);
        Assert.Equal((TestIds.TenantId, TestIds.TeamId, (string?)null), (send.TenantId, send.InstallationKey, send.RecipientId));
        Assert.Equal(At("2026-12-01T09:00:00Z"), run.NextDueAt);
    }

    [Fact]
    public async Task CheckInJob_RunTwiceForOneOccurrence_GivesTheSameKey()
    {
        _installations.Seed(Team(Berlin));
        var job = new CheckInJob(_installations, _time);

        var first = await job.RunAsync(Entry(JobNames.CheckIn), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(3));
        var again = await job.RunAsync(Entry(JobNames.CheckIn), CancellationToken.None);

        Assert.Equal(first.Sends[0].IdempotencyKey, again.Sends[0].IdempotencyKey);
    }

    [Fact]
    public async Task CheckInJob_PausedTeam_SendsNothingAndMovesPastThePause()
    {
        _installations.Seed(Team(Berlin with { PausedUntil = new DateOnly(2026, 12, 10) }));

        var run = await new CheckInJob(_installations, _time).RunAsync(Entry(JobNames.CheckIn), CancellationToken.None);

        Assert.Empty(run.Sends);
        Assert.Equal(At("2026-12-15T09:00:00Z"), run.NextDueAt);
    }

    [Fact]
    public async Task CheckInJob_PauseEndedBeforeTheOccurrence_Sends()
    {
        _installations.Seed(Team(Berlin with { PausedUntil = new DateOnly(2026, 11, 24) }));

        var run = await new CheckInJob(_installations, _time).RunAsync(Entry(JobNames.CheckIn), CancellationToken.None);

        Assert.Single(run.Sends);
    }

    [Fact]
    public async Task CheckInJob_RemovedTeam_SendsNothingAndEndsTheJob()
    {
        _installations.Seed(Team(Berlin) with { Status = InstallationStatus.Removed, RemovedAt = SlotInstant.AddDays(-1) });

        var run = await new CheckInJob(_installations, _time).RunAsync(Entry(JobNames.CheckIn), CancellationToken.None);

        Assert.Empty(run.Sends);
        Assert.Null(run.NextDueAt);
    }

    [Fact]
    public async Task CheckInJob_UnknownInstallation_EndsTheJob()
    {
        var run = await new CheckInJob(_installations, _time).RunAsync(Entry(JobNames.CheckIn), CancellationToken.None);

        Assert.Empty(run.Sends);
        Assert.Null(run.NextDueAt);
    }

    [Fact]
    public async Task SpeakUpJob_ActiveTeam_PlansOneSendAndTwoWeeksOn()
    {
        _installations.Seed(Team(Berlin));
        var entry = Entry(JobNames.SpeakUp);

        var run = await new SpeakUpJob(_installations, _time).RunAsync(entry, CancellationToken.None);

        var send = Assert.Single(run.Sends);
        Assert.Equal("speakup:" + entry.OccurrenceKey, send.IdempotencyKey);
        Assert.Equal(OutboundKinds.SpeakUp, send.Kind);
        Assert.Equal(At("2026-12-08T09:00:00Z"), run.NextDueAt);
    }

    [Fact]
    public async Task SpeakUpJob_TurnedOff_SendsNothingAndEndsTheJob()
    {
        _installations.Seed(Team(Berlin with { SpeakUpEveryWeeks = 0 }));

        var run = await new SpeakUpJob(_installations, _time).RunAsync(Entry(JobNames.SpeakUp), CancellationToken.None);

        Assert.Empty(run.Sends);
        Assert.Null(run.NextDueAt);
    }

    private static TimetableEntry Entry(string job) => new(TestIds.TenantId, TestIds.TeamId, job, SlotInstant, "\"v\"");

    internal static Installation Team(TeamSchedule? schedule) =>
        TestTeams.InstalledAt(SlotInstant.AddDays(-30)) with { Schedule = schedule };
}
