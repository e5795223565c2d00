using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Messaging;
using TrustBot.Core.SpeakUp;
using TrustBot.Core.Tests.Fakes;

namespace TrustBot.Core.Tests.SpeakUp;

public sealed class SpeakUpCloserTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 3, 11, 9, 0, 0, TimeSpan.Zero);

    private readonly InMemorySpeakUpStore _store = new();
    private readonly Mock<IBotMessenger> _messenger = new();
    private readonly ServiceProvider _services;
    private readonly FakeTimeProvider _clock = new(Now);

    public SpeakUpCloserTests()
    {
        _messenger
            .Setup(m => m.UpdateCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<string>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Delivered, "activity"));
        _services = new ServiceCollection().AddSingleton(_messenger.Object).BuildServiceProvider();
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task CloseDueAsync_DueAndOpenSessions_ClosesOnlyTheDueOneAndDestroysItsSalt()
    {
        await _store.CreateSessionAsync(Session("due", Now.AddMinutes(-1)), [1, 2, 3], CancellationToken.None);
        await _store.CreateSessionAsync(Session("open", Now.AddMinutes(1)), [4, 5, 6], CancellationToken.None);

        Assert.Equal(1, await Closer().CloseDueAsync(CancellationToken.None));

        Assert.Null(await _store.GetSaltAsync(TestIds.TenantId, "due", CancellationToken.None));
        Assert.True((await _store.GetSessionAsync(TestIds.TenantId, "due", CancellationToken.None))!.IsClosed);
        Assert.NotNull(await _store.GetSaltAsync(TestIds.TenantId, "open", CancellationToken.None));
    }

    [Fact]
    public async Task CloseDueAsync_PostedSession_ReplacesTheCardWithTheClosedView()
    {
        var session = Session("due", Now) with { ActivityId = "1712345678901" };
        await _store.CreateSessionAsync(session, [1, 2, 3], CancellationToken.None);
        JsonObject? card = null;
        _messenger
            .Setup(m => m.UpdateCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<string>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback<ConversationAddress, string, JsonObject, string, CancellationToken>((_, _, c, _, _) => card = c)
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Delivered, "1712345678901"));

        await Closer().CloseDueAsync(CancellationToken.None);

        _messenger.Verify(m => m.UpdateCardAsync(
            It.Is<ConversationAddress>(a => a.ConversationId == session.ConversationId && a.TenantId == TestIds.TenantId),
            "1712345678901", It.IsAny<JsonObject>(), SpeakUpCard.Summary, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Contains("This question has closed", card!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseDueAsync_CloseLostToAnotherInstance_LeavesTheCardAlone()
    {
        var session = Session("due", Now) with { ActivityId = "1712345678901" };
        var store = new Mock<ISpeakUpStore>();
        store.Setup(s => s.ListDueToCloseAsync(Now, It.IsAny<CancellationToken>())).Returns(new[] { session }.ToAsyncEnumerable());
        store.Setup(s => s.CloseSessionAsync(TestIds.TenantId, "due", Now, It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var closed = await new SpeakUpCloser(store.Object, _services.GetRequiredService<IServiceScopeFactory>(), _clock, NullLogger<SpeakUpCloser>.Instance)
            .CloseDueAsync(CancellationToken.None);

        Assert.Equal(0, closed);
        _messenger.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task CloseDueAsync_CardUpdateThrows_StillClosesEveryDueSession()
    {
        await _store.CreateSessionAsync(Session("a", Now) with { ActivityId = "1" }, [1], CancellationToken.None);
        await _store.CreateSessionAsync(Session("b", Now) with { ActivityId = "2" }, [2], CancellationToken.None);
        _messenger
            .Setup(m => m.UpdateCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<string>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("connector down"));
        var logger = new RecordingLogger<SpeakUpCloser>();

        Assert.Equal(2, await Closer(logger).CloseDueAsync(CancellationToken.None));

        Assert.Null(await _store.GetSaltAsync(TestIds.TenantId, "a", CancellationToken.None));
        Assert.Null(await _store.GetSaltAsync(TestIds.TenantId, "b", CancellationToken.None));
        Assert.Equal(2, logger.Entries.Count(e => e.EventId.Id == 2205));
    }

    [Fact]
    public async Task CloseDueAsync_NeverPostedSession_ClosesWithoutTouchingAnyCard()
    {
        await _store.CreateSessionAsync(Session("due", Now), [1, 2, 3], CancellationToken.None);

        Assert.Equal(1, await Closer().CloseDueAsync(CancellationToken.None));

        _messenger.VerifyNoOtherCalls();
    }

    private SpeakUpCloser Closer(RecordingLogger<SpeakUpCloser>? logger = null) =>
        new(_store, _services.GetRequiredService<IServiceScopeFactory>(), _clock, logger ?? new RecordingLogger<SpeakUpCloser>());

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
