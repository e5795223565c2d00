using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Scheduling;
using TrustBot.Core.SpeakUp;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.CheckIns;

/// <summary>
/// The real host coming back after an outage of three months: the closing sweeps (service-wide timetable jobs) give
/// the check-in and the speak-up prompt that closed while it was down, and that have no close entry of their own, a
/// close entry, and the scheduler runs it, destroying their salts however long ago that was.
/// </summary>
[Collection(BotHostGroup.Name)]
public sealed class OutageClosingTests(BotHostFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ClosingSweeps_CheckInAndPromptThatClosed90DaysAgoWithoutACloseEntry_DestroyTheirSalts()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = fixture.HostOnClock(clock);
        var services = factory.Services;
        // The host's first tick seeds the sweeps and runs them at once. A check-in created while a sweep lists the due
        // ones, already past its close, can have its salt taken for a cut-off create's leftover (a real one is created
        // days before its close), so the rows below are written only once that first pass is over.
        await FirstSweepsDoneAsync(services.GetRequiredService<ITimetable>(), clock);
        var tenantId = Guid.NewGuid().ToString();
        var closedAt = clock.GetUtcNow() - TimeSpan.FromDays(90);
        var checkIns = services.GetRequiredService<ICheckInStore>();
        var speakUp = services.GetRequiredService<ISpeakUpStore>();
        await checkIns.CreateAsync(CheckIn(tenantId, closedAt), [1, 2, 3, 4], None);
        await speakUp.CreateSessionAsync(Session(tenantId, closedAt), [5, 6, 7, 8], None);
        // Nothing closes them until the clock moves: the next sweeps are due a minute on.
        Assert.NotNull(await checkIns.GetSaltAsync(tenantId, "ci-outage", None));
        Assert.NotNull(await speakUp.GetSaltAsync(tenantId, "su-outage", None));

        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(15);
        while (await checkIns.GetSaltAsync(tenantId, "ci-outage", None) is not null
            || await speakUp.GetSaltAsync(tenantId, "su-outage", None) is not null)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The closing sweeps and close jobs did not destroy the salts within 15 s.");
            // The scheduler's timer may not exist yet when the clock first moves: keep moving it a sweep interval at a time.
            clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(100);
        }

        Assert.Equal(CheckInStatus.Closed, (await checkIns.GetAsync(tenantId, "ci-outage", None))!.Status);
        Assert.True((await speakUp.GetSessionAsync(tenantId, "su-outage", None))!.IsClosed);
    }

    private static async Task FirstSweepsDoneAsync(ITimetable timetable, TimeProvider clock)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(15);
        foreach (var kind in new[] { CheckInCloseSweepJob.JobKind, SpeakUpSweepJob.JobKind })
        {
            while (await timetable.GetAsync(ServiceWide.TenantId, ServiceWide.InstallationKey, kind, None) is not { } entry
                || entry.DueAt <= clock.GetUtcNow())
            {
                Assert.True(DateTimeOffset.UtcNow < deadline, $"The first {kind} did not run within 15 s of the host starting.");
                await Task.Delay(50);
            }
        }
    }

    private static CheckIn CheckIn(string tenantId, DateTimeOffset closesAt) => new()
    {
        TenantId = tenantId,
        CheckInId = "ci-outage",
        InstallationKey = "19:outage@thread.tacv2",
        ConversationId = "19:outage@thread.tacv2",
        ServiceUrl = "http://127.0.0.1/",
        StatementIds = ["ps-mistakes"],
        Threshold = 5,
        OpensAt = closesAt.AddDays(-3),
        ClosesAt = closesAt,
    };

    private static SpeakUpSession Session(string tenantId, DateTimeOffset closesAt) => new()
    {
        TenantId = tenantId,
        SessionId = "su-outage",
        InstallationKey = "19:outage@thread.tacv2",
        PromptId = "unsaid-blocker",
        ConversationId = "19:outage@thread.tacv2",
        ServiceUrl = "http://127.0.0.1/",
        Threshold = 3,
        OpensAt = closesAt.AddDays(-7),
        ClosesAt = closesAt,
    };
}
