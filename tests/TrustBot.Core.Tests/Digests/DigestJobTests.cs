using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Delivery;
using TrustBot.Core.Digests;
using TrustBot.Core.Leaders;
using TrustBot.Core.Scheduling;
using TrustBot.Core.Tests.Fakes;
using static TrustBot.Core.Tests.Digests.DigestSamples;

namespace TrustBot.Core.Tests.Digests;

public sealed class DigestJobTests
{
    // Friday 10:00 UTC: the Tuesday check-in has just closed.
    private static readonly DateTimeOffset Due = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private readonly InMemoryInstallationStore _installations = new();
    private readonly Mock<ILeaderStore> _leaders = new();
    private readonly FakeTimeProvider _time = new(Due.AddSeconds(20));
    private readonly TimetableEntry _entry = new(TestIds.TenantId, TestIds.TeamId, JobNames.Digest, Due);

    public DigestJobTests()
    {
        _leaders
            .Setup(l => l.ListForTeamAsync(TestIds.TenantId, TestIds.TeamId, It.IsAny<CancellationToken>()))
            .Returns(() => Async(new[] { Leader(), Leader(OtherUserId), Leader("29:1gone", unreachable: true) }));
    }

    [Fact]
    public async Task RunAsync_ActiveTeam_OneSendPerReachableLeaderKeyedByOccurrenceAndLeader()
    {
        _installations.Seed(Team() with { Schedule = TeamSchedule.Default("UTC") });

        var run = await Job().RunAsync(_entry, CancellationToken.None);

        Assert.Equal(
            ["digest:" + _entry.OccurrenceKey + ":" + LeaderUserId, "digest:" + _entry.OccurrenceKey + ":" + OtherUserId],
            run.Sends.Select(s => s.IdempotencyKey));
        Assert.All(run.Sends, s =>
        {
            Assert.Equal(OutboundKinds.Digest, s.Kind);
            Assert.Equal(TestIds.TenantId, s.TenantId);
            Assert.Equal(TestIds.TeamId, s.InstallationKey);
            Assert.Equal(s.IdempotencyKey[(s.IdempotencyKey.LastIndexOf(":29:", StringComparison.Ordinal) + 1)..], s.RecipientId);
        });
        Assert.Equal(
            TeamTimetable.NextDigest(TeamSchedule.Default("UTC"), _time.GetUtcNow(), new CheckInOptions().Duration, QuietHours.Default),
            run.NextDueAt);
        Assert.True(run.NextDueAt > Due);
    }

    [Fact]
    public async Task RunAsync_SameOccurrenceTwice_SameKeys()
    {
        _installations.Seed(Team());

        var first = await Job().RunAsync(_entry, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));
        var again = await Job().RunAsync(_entry, CancellationToken.None);

        Assert.Equal(first.Sends, again.Sends);
    }

    [Fact]
    public async Task RunAsync_RemovedOrUnknownTeam_NoSendsAndEntryRemoved()
    {
        var unknown = await Job().RunAsync(_entry, CancellationToken.None);
        _installations.Seed(Team());
        await _installations.MarkRemovedAsync(TestIds.TenantId, TestIds.TeamId, Due, CancellationToken.None);
        var removed = await Job().RunAsync(_entry, CancellationToken.None);

        Assert.Empty(unknown.Sends);
        Assert.Null(unknown.NextDueAt);
        Assert.Empty(removed.Sends);
        Assert.Null(removed.NextDueAt);
    }

    [Fact]
    public async Task RunAsync_PausedTeam_NoSendsButTheEntryStays()
    {
        var paused = TeamSchedule.Default("UTC") with { PausedUntil = DateOnly.FromDateTime(Due.UtcDateTime).AddDays(14) };
        _installations.Seed(Team() with { Schedule = paused });

        var run = await Job().RunAsync(_entry, CancellationToken.None);

        Assert.Empty(run.Sends);
        Assert.NotNull(run.NextDueAt);
        _leaders.Verify(l => l.ListForTeamAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private DigestJob Job() => new(
        _installations, _leaders.Object, Options.Create(new CheckInOptions()), _time, NullLogger<DigestJob>.Instance);
}
