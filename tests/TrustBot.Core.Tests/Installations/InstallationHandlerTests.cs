using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Core.Outages;
using TrustBot.Core.Tests.Fakes;

namespace TrustBot.Core.Tests.Installations;

public sealed class InstallationHandlerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);
    internal static readonly PrivacyNotice Privacy = new(Microsoft.Extensions.Options.Options.Create(new TrustBot.Core.Anonymity.AnonymityOptions()), Microsoft.Extensions.Options.Options.Create(new TrustBot.Core.Retention.RetentionOptions()));

    private readonly InMemoryInstallationStore _store = new();
    private readonly Mock<IBotMessenger> _messenger = new(MockBehavior.Strict);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly RecordingLogger<InstallationHandler> _logger = new();
    private readonly List<(ConversationAddress Address, JsonObject Card, string Summary)> _sentCards = [];
    private readonly InstallationHandler _handler;
    private readonly Mock<IInstallationObserver> _observer = new();
    private readonly Mock<IInstallationObserver> _failingObserver = new();

    public InstallationHandlerTests()
    {
        RespondToCards(new DeliveryResult(DeliveryOutcome.Delivered, "1776390257332"));
        _handler = new InstallationHandler(_store, _messenger.Object, new ServiceUrlCache(), [_observer.Object, _failingObserver.Object], Privacy, _time, _logger);
    }

    [Fact]
    public async Task HandleAsync_TeamAdded_StoresTeamKeyedInstallationWithChosenChannel()
    {
        await _handler.HandleAsync(TeamEvent(InstallationChange.Added), CancellationToken.None);

        var stored = _store[TestIds.TenantId, TestIds.TeamId];
        Assert.NotNull(stored);
        Assert.Equal(ConversationKind.Channel, stored.Kind);
        Assert.Equal(TestIds.ChosenChannelId, stored.ConversationId);
        Assert.Equal(TestIds.ChosenChannelId, stored.ChannelId);
        Assert.Equal(TestIds.TeamId, stored.TeamId);
        Assert.Equal("Platform Crew", stored.TeamName);
        Assert.Equal(TestIds.ServiceUrl, stored.ServiceUrl);
        Assert.Equal(TestIds.BotId, stored.BotId);
        Assert.Equal(TestIds.InstallerAadObjectId, stored.InstalledByAadObjectId);
        Assert.Equal(InstallationStatus.Active, stored.Status);
        Assert.Equal(Start, stored.InstalledAt);
        Assert.Equal(Start, stored.UpdatedAt);
    }

    [Fact]
    public async Task HandleAsync_TeamAdded_PostsExactlyOneWelcomeToChosenChannel()
    {
        await _handler.HandleAsync(TeamEvent(InstallationChange.Added), CancellationToken.None);

        var (address, card, summary) = Assert.Single(Welcomes);
        Assert.Equal(new ConversationAddress(TestIds.TenantId, TestIds.ServiceUrl, TestIds.ChosenChannelId, TestIds.BotId), address);
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Contains("this channel", card.ToJsonString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(summary));
        _messenger.Verify(m => m.SendTextAsync(It.IsAny<ConversationAddress>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task HandleAsync_TeamAdded_PostsThePrivacyNoticeRightAfterTheWelcome()
    {
        await _handler.HandleAsync(TeamEvent(InstallationChange.Added), CancellationToken.None);

        Assert.Equal([WelcomeCard.Summary, PrivacyCard.Summary], _sentCards.Select(sent => sent.Summary));
        Assert.Equal(_sentCards[0].Address, _sentCards[1].Address);
        Assert.Contains("What I never store", _sentCards[1].Card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_DuplicateAdd_PostsNoSecondWelcome()
    {
        // Teams announces one team install with both installationUpdate and conversationUpdate.
        await _handler.HandleAsync(TeamEvent(InstallationChange.Added), CancellationToken.None);
        await _handler.HandleAsync(TeamEvent(InstallationChange.Added), CancellationToken.None);

        Assert.Equal(2, _store.ActivateCalls);
        Assert.Single(Welcomes);
    }

    [Fact]
    public async Task HandleAsync_DuplicateAdd_TellsObserversAgainEvenWhenOneThrows()
    {
        _failingObserver
            .Setup(o => o.OnActivatedAsync(It.IsAny<Installation>(), It.IsAny<InstallationEvent>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("planning failed"));

        await _handler.HandleAsync(TeamEvent(InstallationChange.Added), CancellationToken.None);
        await _handler.HandleAsync(TeamEvent(InstallationChange.Added), CancellationToken.None);
        await _handler.HandleAsync(TeamEvent(InstallationChange.Removed), CancellationToken.None);

        // Observers are idempotent; the repeat is what finishes a set-up that an outage cut short.
        _observer.Verify(
            o => o.OnActivatedAsync(It.Is<Installation>(i => i.Key == TestIds.TeamId), It.IsAny<InstallationEvent>(), It.IsAny<CancellationToken>()),
            Times.Exactly(2));
        _observer.Verify(o => o.OnRemovedAsync(TestIds.TenantId, TestIds.TeamId, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Single(Welcomes);
        Assert.NotNull(_store[TestIds.TenantId, TestIds.TeamId]);
    }

    [Fact]
    public async Task HandleAsync_ObserverMeetsStorageOutage_ThrowsForARetry_AndTheRetryFinishesTheSetUpWithoutASecondWelcome()
    {
        var outageOnce = true;
        _failingObserver
            .Setup(o => o.OnActivatedAsync(It.IsAny<Installation>(), It.IsAny<InstallationEvent>(), It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                if (!outageOnce)
                {
                    return Task.CompletedTask;
                }

                outageOnce = false;
                throw new StorageUnavailableException();
            });

        await Assert.ThrowsAsync<StorageUnavailableException>(
            () => _handler.HandleAsync(TeamEvent(InstallationChange.Added), CancellationToken.None));
        _observer.Verify(
            o => o.OnActivatedAsync(It.IsAny<Installation>(), It.IsAny<InstallationEvent>(), It.IsAny<CancellationToken>()),
            Times.Once);

        await _handler.HandleAsync(TeamEvent(InstallationChange.Added), CancellationToken.None);

        _failingObserver.Verify(
            o => o.OnActivatedAsync(It.Is<Installation>(i => i.Key == TestIds.TeamId), It.IsAny<InstallationEvent>(), It.IsAny<CancellationToken>()),
            Times.Exactly(2));
        Assert.Single(Welcomes);
    }

    [Fact]
    public async Task HandleAsync_TeamAdded_StoresDefaultScheduleInTheInstallersZone()
    {
        await _handler.HandleAsync(TeamEvent(InstallationChange.Added) with { ActorTimeZone = "Europe/Berlin" }, CancellationToken.None);

        var schedule = _store[TestIds.TenantId, TestIds.TeamId]!.EffectiveSchedule;
        Assert.Equal(("Europe/Berlin", DayOfWeek.Tuesday, new TimeOnly(10, 0)), (schedule.TimeZoneId, schedule.Day, schedule.Time));
    }

    [Fact]
    public async Task HandleAsync_AddedWhenStoreReportsAlreadyActive_PostsNoWelcome()
    {
        var store = new Mock<IInstallationStore>();
        store.Setup(s => s.ActivateAsync(It.IsAny<Installation>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);
        var handler = new InstallationHandler(store.Object, _messenger.Object, new ServiceUrlCache(), [_observer.Object], Privacy, _time, _logger);

        await handler.HandleAsync(TeamEvent(InstallationChange.Added), CancellationToken.None);

        store.Verify(s => s.ActivateAsync(It.Is<Installation>(i => i.Key == TestIds.TeamId), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Empty(_sentCards);
    }

    [Fact]
    public async Task HandleAsync_AddedAgainAfterRemoval_WelcomesAgain()
    {
        await _handler.HandleAsync(TeamEvent(InstallationChange.Added), CancellationToken.None);
        await _handler.HandleAsync(TeamEvent(InstallationChange.Removed), CancellationToken.None);
        await _handler.HandleAsync(TeamEvent(InstallationChange.Added), CancellationToken.None);

        Assert.Equal(2, Welcomes.Count);
        Assert.Equal(InstallationStatus.Active, _store[TestIds.TenantId, TestIds.TeamId]!.Status);
    }

    [Fact]
    public async Task HandleAsync_Upgraded_RefreshesServiceUrlKeepsChosenChannelAndPostsNoWelcome()
    {
        await _handler.HandleAsync(TeamEvent(InstallationChange.Added), CancellationToken.None);
        _sentCards.Clear();
        _time.Advance(TimeSpan.FromDays(3));

        // An upgrade arrives from the General channel (the team id) with a new service URL.
        var upgrade = TeamEvent(InstallationChange.Upgraded) with { ConversationId = TestIds.TeamId, ServiceUrl = TestIds.OtherServiceUrl };
        await _handler.HandleAsync(upgrade, CancellationToken.None);

        var stored = _store[TestIds.TenantId, TestIds.TeamId]!;
        Assert.Equal(TestIds.OtherServiceUrl, stored.ServiceUrl);
        Assert.Equal(TestIds.ChosenChannelId, stored.ConversationId);
        Assert.Equal(Start, stored.InstalledAt);
        Assert.Equal(Start.AddDays(3), stored.UpdatedAt);
        Assert.Empty(_sentCards);
    }

    [Fact]
    public async Task HandleAsync_UpgradedWithNoStoredInstallation_StoresItWithoutWelcome()
    {
        await _handler.HandleAsync(PersonalEvent(InstallationChange.Upgraded), CancellationToken.None);

        var stored = _store[TestIds.TenantId, TestIds.PersonalConversationId];
        Assert.NotNull(stored);
        Assert.Equal(InstallationStatus.Active, stored.Status);
        Assert.Empty(_sentCards);
    }

    [Fact]
    public async Task HandleAsync_Removed_MarksInstallationRemoved()
    {
        await _handler.HandleAsync(TeamEvent(InstallationChange.Added), CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(5));

        await _handler.HandleAsync(TeamEvent(InstallationChange.Removed), CancellationToken.None);

        var stored = _store[TestIds.TenantId, TestIds.TeamId]!;
        Assert.Equal(InstallationStatus.Removed, stored.Status);
        Assert.Equal(Start.AddHours(5), stored.RemovedAt);
        Assert.Single(Welcomes);
    }

    [Fact]
    public async Task HandleAsync_RemovedWithNoInstallation_DoesNotThrowOrStore()
    {
        await _handler.HandleAsync(GroupChatEvent(InstallationChange.Removed), CancellationToken.None);

        Assert.Null(_store[TestIds.TenantId, TestIds.GroupChatId]);
        Assert.Empty(_sentCards);
    }

    [Theory]
    [InlineData(DeliveryOutcome.RecipientGone)]
    [InlineData(DeliveryOutcome.Throttled)]
    [InlineData(DeliveryOutcome.Failed)]
    public async Task HandleAsync_WelcomeNotDelivered_KeepsInstallationAndLogsWarningWithoutIds(DeliveryOutcome outcome)
    {
        RespondToCards(new DeliveryResult(outcome, Detail: "403 BotNotInConversationRoster"));

        await _handler.HandleAsync(TeamEvent(InstallationChange.Added), CancellationToken.None);

        Assert.Equal(InstallationStatus.Active, _store[TestIds.TenantId, TestIds.TeamId]!.Status);
        var warning = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains(outcome.ToString(), warning.Message, StringComparison.Ordinal);
        AssertNoIds(warning.Message);
    }

    [Fact]
    public async Task HandleAsync_MessengerThrows_KeepsInstallationAndLogsWarningWithoutIds()
    {
        _messenger
            .Setup(m => m.SendCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException($"POST {TestIds.ServiceUrl}v3/conversations/{TestIds.ChosenChannelId}/activities failed"));

        await _handler.HandleAsync(TeamEvent(InstallationChange.Added), CancellationToken.None);

        Assert.Equal(InstallationStatus.Active, _store[TestIds.TenantId, TestIds.TeamId]!.Status);
        var warning = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains(nameof(HttpRequestException), warning.Message, StringComparison.Ordinal);
        AssertNoIds(warning.Message);
    }

    [Fact]
    public async Task HandleAsync_CancelledWhilePostingWelcome_PropagatesCancellationAndKeepsInstallation()
    {
        using var cancellation = new CancellationTokenSource();
        _messenger
            .Setup(m => m.SendCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns<ConversationAddress, JsonObject, string, CancellationToken>((_, _, _, token) =>
            {
                cancellation.Cancel();
                token.ThrowIfCancellationRequested();
                return Task.FromResult(new DeliveryResult(DeliveryOutcome.Delivered));
            });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _handler.HandleAsync(TeamEvent(InstallationChange.Added), cancellation.Token));

        Assert.NotNull(_store[TestIds.TenantId, TestIds.TeamId]);
    }

    [Fact]
    public async Task HandleAsync_PersonalAdded_KeysByConversationAndWelcomesInTheChat()
    {
        await _handler.HandleAsync(PersonalEvent(InstallationChange.Added), CancellationToken.None);

        var stored = _store[TestIds.TenantId, TestIds.PersonalConversationId];
        Assert.NotNull(stored);
        Assert.Equal(ConversationKind.Personal, stored.Kind);
        Assert.Equal(TestIds.PersonalConversationId, stored.ConversationId);
        Assert.Null(stored.TeamId);
        Assert.Null(stored.ChannelId);
        var (address, card, _) = Assert.Single(Welcomes);
        Assert.Equal(TestIds.PersonalConversationId, address.ConversationId);
        Assert.Contains("This chat is where leaders get their weekly habit", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_GroupChatAdded_KeysByConversationAndWelcomesInTheChat()
    {
        await _handler.HandleAsync(GroupChatEvent(InstallationChange.Added), CancellationToken.None);

        var stored = _store[TestIds.TenantId, TestIds.GroupChatId];
        Assert.NotNull(stored);
        Assert.Equal(ConversationKind.GroupChat, stored.Kind);
        Assert.Equal(TestIds.InstallerAadObjectId, stored.InstalledByAadObjectId);
        var (address, card, _) = Assert.Single(Welcomes);
        Assert.Equal(TestIds.GroupChatId, address.ConversationId);
        Assert.Contains("in this chat", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_SameConversationIdInTwoTenants_KeepsThemApart()
    {
        await _handler.HandleAsync(GroupChatEvent(InstallationChange.Added), CancellationToken.None);
        await _handler.HandleAsync(GroupChatEvent(InstallationChange.Added) with { TenantId = TestIds.OtherTenantId }, CancellationToken.None);

        Assert.NotNull(_store[TestIds.OtherTenantId, TestIds.GroupChatId]);
        Assert.Equal(2, Welcomes.Count);
    }

    [Fact]
    public async Task RefreshAddressAsync_UrlUnchangedSinceInstall_DoesNotWrite()
    {
        await _handler.HandleAsync(TeamEvent(InstallationChange.Added), CancellationToken.None);

        await _handler.RefreshAddressAsync(TestIds.TenantId, TestIds.TeamId, TestIds.ServiceUrl, CancellationToken.None);
        await _handler.RefreshAddressAsync(TestIds.TenantId, TestIds.TeamId, TestIds.ServiceUrl, CancellationToken.None);

        Assert.Equal(0, _store.UpdateServiceUrlCalls);
    }

    [Fact]
    public async Task RefreshAddressAsync_UrlChanged_WritesOnceThenServesFromCache()
    {
        await _handler.HandleAsync(TeamEvent(InstallationChange.Added), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(10));

        await _handler.RefreshAddressAsync(TestIds.TenantId, TestIds.TeamId, TestIds.OtherServiceUrl, CancellationToken.None);
        await _handler.RefreshAddressAsync(TestIds.TenantId, TestIds.TeamId, TestIds.OtherServiceUrl, CancellationToken.None);

        Assert.Equal(1, _store.UpdateServiceUrlCalls);
        var stored = _store[TestIds.TenantId, TestIds.TeamId]!;
        Assert.Equal(TestIds.OtherServiceUrl, stored.ServiceUrl);
        Assert.Equal(Start.AddMinutes(10), stored.UpdatedAt);
    }

    [Fact]
    public async Task RefreshAddressAsync_CacheMiss_WritesOnceThenServesFromCache()
    {
        // Another instance stored the installation, so this one's cache has never seen it.
        _store.Seed(new Installation
        {
            TenantId = TestIds.TenantId,
            Key = TestIds.PersonalConversationId,
            Kind = ConversationKind.Personal,
            ServiceUrl = TestIds.ServiceUrl,
            ConversationId = TestIds.PersonalConversationId,
            BotId = TestIds.BotId,
            InstalledAt = Start,
            UpdatedAt = Start,
        });

        await _handler.RefreshAddressAsync(TestIds.TenantId, TestIds.PersonalConversationId, TestIds.ServiceUrl, CancellationToken.None);
        await _handler.RefreshAddressAsync(TestIds.TenantId, TestIds.PersonalConversationId, TestIds.ServiceUrl, CancellationToken.None);

        Assert.Equal(1, _store.UpdateServiceUrlCalls);
    }

    [Fact]
    public async Task RefreshAddressAsync_UnknownInstallation_AsksStorageEachTimeAndCreatesNothing()
    {
        await _handler.RefreshAddressAsync(TestIds.TenantId, TestIds.GroupChatId, TestIds.ServiceUrl, CancellationToken.None);
        await _handler.RefreshAddressAsync(TestIds.TenantId, TestIds.GroupChatId, TestIds.ServiceUrl, CancellationToken.None);

        Assert.Equal(2, _store.UpdateServiceUrlCalls);
        Assert.Null(_store[TestIds.TenantId, TestIds.GroupChatId]);
    }

    [Fact]
    public async Task RefreshAddressAsync_AfterRemoval_AsksStorageAgain()
    {
        await _handler.HandleAsync(TeamEvent(InstallationChange.Added), CancellationToken.None);
        await _handler.HandleAsync(TeamEvent(InstallationChange.Removed), CancellationToken.None);

        await _handler.RefreshAddressAsync(TestIds.TenantId, TestIds.TeamId, TestIds.ServiceUrl, CancellationToken.None);

        Assert.Equal(1, _store.UpdateServiceUrlCalls);
    }

    // Every welcome is followed by the privacy notice; tests about welcomes look at the welcomes.
    private List<(ConversationAddress Address, JsonObject Card, string Summary)> Welcomes =>
        [.. _sentCards.Where(sent => sent.Summary == WelcomeCard.Summary)];

    private void RespondToCards(DeliveryResult result) =>
        _messenger
            .Setup(m => m.SendCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback<ConversationAddress, JsonObject, string, CancellationToken>((address, card, summary, _) => _sentCards.Add((address, card, summary)))
            .ReturnsAsync(result);

    private static void AssertNoIds(string message)
    {
        foreach (var id in new[] { TestIds.TenantId, TestIds.TeamId, TestIds.ChosenChannelId, TestIds.BotId, TestIds.InstallerAadObjectId, TestIds.ServiceUrl })
        {
            Assert.DoesNotContain(id, message, StringComparison.OrdinalIgnoreCase);
        }
    }

    internal static InstallationEvent TeamEvent(InstallationChange change) => new()
    {
        TenantId = TestIds.TenantId,
        Kind = ConversationKind.Channel,
        ConversationId = TestIds.ChosenChannelId,
        TeamId = TestIds.TeamId,
        TeamName = "Platform Crew",
        ChannelId = TestIds.TeamId,
        ServiceUrl = TestIds.ServiceUrl,
        BotId = TestIds.BotId,
        ActorAadObjectId = TestIds.InstallerAadObjectId,
        Change = change,
    };

    private static InstallationEvent PersonalEvent(InstallationChange change) => new()
    {
        TenantId = TestIds.TenantId,
        Kind = ConversationKind.Personal,
        ConversationId = TestIds.PersonalConversationId,
        ServiceUrl = TestIds.ServiceUrl,
        BotId = TestIds.BotId,
        ActorAadObjectId = TestIds.InstallerAadObjectId,
        Change = change,
    };

    private static InstallationEvent GroupChatEvent(InstallationChange change) => new()
    {
        TenantId = TestIds.TenantId,
        Kind = ConversationKind.GroupChat,
        ConversationId = TestIds.GroupChatId,
        ServiceUrl = TestIds.ServiceUrl,
        BotId = TestIds.BotId,
        ActorAadObjectId = TestIds.InstallerAadObjectId,
        Change = change,
    };
}
