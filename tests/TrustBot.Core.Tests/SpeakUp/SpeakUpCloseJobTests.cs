using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Scheduling;
using TrustBot.Core.SpeakUp;
using TrustBot.Core.Tests.Fakes;

namespace TrustBot.Core.Tests.SpeakUp;

public sealed class SpeakUpCloseJobTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 11, 9, 0, 0, TimeSpan.Zero);

    private readonly InMemorySpeakUpStore _store = new();
    private readonly FakeTimeProvider _clock = new(Now);

    [Fact]
    public async Task RunAsync_DueSession_ClosesOnlyItDestroysItsSaltAndEnds()
    {
        await _store.CreateSessionAsync(Session("due", Now.AddMinutes(-1)), [1, 2, 3], CancellationToken.None);
        await _store.CreateSessionAsync(Session("open", Now.AddMinutes(1)), [4, 5, 6], CancellationToken.None);

        var run = await Job().RunAsync(Entry("due", Now.AddMinutes(-1)), CancellationToken.None);

        Assert.Null(run.NextDueAt);
        Assert.Null(await _store.GetSaltAsync(TestIds.TenantId, "due", CancellationToken.None));
        Assert.True((await _store.GetSessionAsync(TestIds.TenantId, "due", CancellationToken.None))!.IsClosed);
        Assert.NotNull(await _store.GetSaltAsync(TestIds.TenantId, "open", CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_BeforeTheClose_LeavesItOpenAndComesBackAtTheClose()
    {
        await _store.CreateSessionAsync(Session("early", Now.AddMinutes(5)), [1, 2, 3], CancellationToken.None);

        var run = await Job().RunAsync(Entry("early", Now), CancellationToken.None);

        Assert.Equal(Now.AddMinutes(5), run.NextDueAt);
        Assert.Empty(run.Sends);
        Assert.NotNull(await _store.GetSaltAsync(TestIds.TenantId, "early", CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_PostedSession_QueuesTheClosedViewKeyedByThePrompt_AndARerunQueuesTheSameKey()
    {
        await _store.CreateSessionAsync(Session("due", Now) with { ActivityId = "1712345678901" }, [1, 2, 3], CancellationToken.None);

        var first = await Job().RunAsync(Entry("due", Now), CancellationToken.None);
        // A rerun after a crash between the close and the queuing finds the prompt closed already.
        var rerun = await Job().RunAsync(Entry("due", Now), CancellationToken.None);

        var send = Assert.Single(first.Sends);
        Assert.Equal(SpeakUpCardSender.SendKind, send.Kind);
        Assert.Equal((TestIds.TenantId, TestIds.TeamId), (send.TenantId, send.InstallationKey));
        Assert.StartsWith($"{SpeakUpCardSender.SendKind}:{TestIds.TenantId}:{TestIds.TeamId}:due:", send.IdempotencyKey, StringComparison.Ordinal);
        Assert.Equal(send, Assert.Single(rerun.Sends));
    }

    [Fact]
    public async Task RunAsync_CloseLostToAnotherInstance_QueuesTheSameClosedView()
    {
        var session = Session("due", Now) with { ActivityId = "1712345678901" };
        var store = new Mock<ISpeakUpStore>();
        store.Setup(s => s.GetSessionAsync(TestIds.TenantId, "due", It.IsAny<CancellationToken>())).ReturnsAsync(session);
        store.Setup(s => s.CloseSessionAsync(TestIds.TenantId, "due", Now, It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var run = await new SpeakUpCloseJob(store.Object, _clock, NullLogger<SpeakUpCloseJob>.Instance).RunAsync(Entry("due", Now), CancellationToken.None);

        Assert.Equal(SpeakUpCardSender.ClosedView(session), Assert.Single(run.Sends));
        Assert.Null(run.NextDueAt);
    }

    [Fact]
    public async Task RunAsync_NeverPostedSession_ClosesWithoutASend()
    {
        await _store.CreateSessionAsync(Session("due", Now), [1, 2, 3], CancellationToken.None);

        var run = await Job().RunAsync(Entry("due", Now), CancellationToken.None);

        Assert.Empty(run.Sends);
        Assert.True((await _store.GetSessionAsync(TestIds.TenantId, "due", CancellationToken.None))!.IsClosed);
    }

    [Fact]
    public async Task RunAsync_SessionGoneOrOfAnotherTeam_EndsWithoutClosingAnything()
    {
        await _store.CreateSessionAsync(Session("elsewhere", Now) with { InstallationKey = "19:other@thread.tacv2" }, [1], CancellationToken.None);

        var gone = await Job().RunAsync(Entry("gone", Now), CancellationToken.None);
        var elsewhere = await Job().RunAsync(Entry("elsewhere", Now), CancellationToken.None);

        Assert.Equal((0, (DateTimeOffset?)null), (gone.Sends.Count, gone.NextDueAt));
        Assert.Equal((0, (DateTimeOffset?)null), (elsewhere.Sends.Count, elsewhere.NextDueAt));
        Assert.NotNull(await _store.GetSaltAsync(TestIds.TenantId, "elsewhere", CancellationToken.None));
    }

    [Fact]
    public void EntryFor_Session_IsItsCloseInItsTeamsTimetable()
    {
        var session = Session("s-1", Now);

        Assert.Equal(new TimetableEntry(TestIds.TenantId, TestIds.TeamId, "speakup-close|s-1", Now), SpeakUpCloseJob.EntryFor(session));
    }

    private SpeakUpCloseJob Job() => new(_store, _clock, NullLogger<SpeakUpCloseJob>.Instance);

    private static TimetableEntry Entry(string sessionId, DateTimeOffset dueAt) =>
        new(TestIds.TenantId, TestIds.TeamId, JobNames.For(SpeakUpCloseJob.JobKind, sessionId), dueAt, "v1");

    internal static SpeakUpSession Session(string sessionId, DateTimeOffset closesAt) => new()
    {
        TenantId = TestIds.TenantId,
        SessionId = sessionId,
        InstallationKey = TestIds.TeamId,
        PromptId = PromptLibrary.Default.Pick(TestIds.TeamId, 0).Id,
        ConversationId = TestIds.ChosenChannelId,
        ServiceUrl = TestIds.ServiceUrl,
        Threshold = 3,
        OpensAt = closesAt.AddDays(-7),
        ClosesAt = closesAt,
    };
}
