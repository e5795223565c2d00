using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Core.Questions;
using TrustBot.Core.Scheduling;
using TrustBot.Core.Tests.Fakes;

namespace TrustBot.Core.Tests.Installations;

public sealed class InstallationReinstallTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task HandleAsync_TeamReinstalledAfterRemoval_TellsObserversTheSettingsItKept()
    {
        var store = new InMemoryInstallationStore();
        var messenger = new Mock<IBotMessenger>();
        messenger
            .Setup(m => m.SendCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Delivered, "1"));
        var observer = new Mock<IInstallationObserver>();
        var time = new FakeTimeProvider(Start);
        var handler = new InstallationHandler(store, messenger.Object, new ServiceUrlCache(), [observer.Object], InstallationHandlerTests.Privacy, time, new RecordingLogger<InstallationHandler>());
        var chosen = new TeamSchedule(DayOfWeek.Friday, new TimeOnly(15, 0), "Europe/Berlin");

        await handler.HandleAsync(InstallationHandlerTests.TeamEvent(InstallationChange.Added), CancellationToken.None);
        await store.UpdateSettingsAsync(
            TestIds.TenantId, TestIds.TeamId, new TeamSettings(TestIds.ChosenChannelId, chosen, QuestionSet.Trust, 9, true), Start, CancellationToken.None);
        await handler.HandleAsync(InstallationHandlerTests.TeamEvent(InstallationChange.Removed), CancellationToken.None);
        time.Advance(TimeSpan.FromDays(3));
        await handler.HandleAsync(InstallationHandlerTests.TeamEvent(InstallationChange.Added), CancellationToken.None);

        observer.Verify(
            o => o.OnActivatedAsync(
                It.Is<Installation>(i => i.Schedule == chosen && i.QuestionSet == QuestionSet.Trust && i.AnonymityThreshold == 9 && i.InstalledAt == Start.AddDays(3)),
                It.IsAny<InstallationEvent>(),
                It.IsAny<CancellationToken>()),
            Times.Once);
    }
}
