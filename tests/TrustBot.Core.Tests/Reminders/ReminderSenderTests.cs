using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Delivery;
using TrustBot.Core.Messaging;
using TrustBot.Core.Reminders;
using TrustBot.Core.Tests.Fakes;
using static TrustBot.Core.Tests.Digests.DigestSamples;

namespace TrustBot.Core.Tests.Reminders;

public sealed class ReminderSenderTests
{
    private static readonly DateTimeOffset OpensAt = new(2026, 11, 17, 10, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Salt = ParticipationHasher.NewSalt();

    private static readonly TeamMember[] Roster =
    [
        new("29:1answered-a", "aad-answered-a", "Ana"),
        new("29:1answered-b", "AAD-ANSWERED-B", "Ben"),
        new("29:1waiting-c", "aad-waiting-c", "Cleo"),
        new("29:1waiting-d", "aad-waiting-d", "Dev"),
        new("29:1no-aad-e", null, "Eve"),
    ];

    private readonly ParticipationHasher _hasher = new(Options.Create(new AnonymityOptions { Secret = TestSecret.Value }));
    private readonly InMemoryBallotBox _ballots = new();
    private readonly InMemoryIdempotencyStore _idempotency = new();
    private readonly InMemoryInstallationStore _installations = new();
    private readonly Mock<ICheckInStore> _checkIns = new();
    private readonly Mock<IBotMessenger> _messenger = new();
    private readonly FakeTimeProvider _time = new(OpensAt.AddDays(1));
    private readonly List<string> _remindedUsers = [];
    private readonly Dictionary<string, DeliveryOutcome> _sendOutcomes = [];
    private readonly CheckIn _checkIn;

    public ReminderSenderTests()
    {
        _checkIn = CheckIn("ci-open", OpensAt) with { Status = CheckInStatus.Open };
        _checkIns.Setup(c => c.GetAsync(TestIds.TenantId, _checkIn.CheckInId, It.IsAny<CancellationToken>())).ReturnsAsync(() => _checkIn);
        _checkIns.Setup(c => c.GetSaltAsync(TestIds.TenantId, _checkIn.CheckInId, It.IsAny<CancellationToken>())).ReturnsAsync(Salt);
        _installations.Seed(Team());
        _messenger.Setup(m => m.ListMembersAsync(TestIds.TenantId, TestIds.ServiceUrl, TestIds.TeamId, It.IsAny<CancellationToken>()))
            .Returns(() => Async(Roster));
        _messenger.Setup(m => m.OpenPersonalChatAsync(TestIds.TenantId, TestIds.ServiceUrl, TestIds.BotId, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string tenant, string url, string bot, string user, CancellationToken _) =>
                new OpenedChat(DeliveryOutcome.Delivered, new ConversationAddress(tenant, url, "a:chat-" + user, bot)));
        _messenger.Setup(m => m.SendCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<JsonObject>(), ReminderCard.Summary, It.IsAny<CancellationToken>()))
            .ReturnsAsync((ConversationAddress address, JsonObject _, string _, CancellationToken _) =>
            {
                var user = address.ConversationId["a:chat-".Length..];
                var outcome = _sendOutcomes.GetValueOrDefault(user, DeliveryOutcome.Delivered);
                if (outcome == DeliveryOutcome.Delivered)
                {
                    _remindedUsers.Add(user);
                }

                return new DeliveryResult(outcome, outcome == DeliveryOutcome.Delivered ? "1:reminder" : null);
            });
    }

    [Fact]
    public async Task SendAsync_OnlyMembersWhoHaveNotAnsweredGetTheCard()
    {
        await VoteAsync("aad-answered-a");
        await VoteAsync("aad-answered-b");

        var result = await Sender().SendAsync(Send(), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        Assert.Equal(["29:1waiting-c", "29:1waiting-d"], _remindedUsers);
    }

    [Fact]
    public async Task SendAsync_SecondRun_SendsNothing()
    {
        await VoteAsync("aad-answered-a");
        await Sender().SendAsync(Send(), CancellationToken.None);
        _remindedUsers.Clear();

        var again = await Sender().SendAsync(Send(), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, again.Outcome);
        Assert.Empty(_remindedUsers);
        _messenger.Verify(m => m.SendCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Fact]
    public async Task SendAsync_IdempotencyKeys_NeverHoldAUserIdOrAadObjectId()
    {
        await Sender().SendAsync(Send(), CancellationToken.None);

        Assert.Equal(4, _idempotency.Keys.Count);
        Assert.All(_idempotency.Keys, key =>
        {
            Assert.StartsWith("reminder:" + _checkIn.CheckInId + ":", key, StringComparison.Ordinal);
            foreach (var member in Roster)
            {
                Assert.DoesNotContain(member.UserId, key, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(member.UserId[3..], key, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(member.AadObjectId ?? member.UserId, key, StringComparison.OrdinalIgnoreCase);
            }
        });
        var participation = Roster.Where(m => m.AadObjectId is not null).Select(m => _hasher.Hash(Salt, TestIds.TenantId, _checkIn.CheckInId, m.AadObjectId!));
        Assert.All(participation, hash => Assert.DoesNotContain(_idempotency.Keys, key => key.Contains(hash, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SendAsync_OneMemberGone_OthersStillRemindedAndTheGoneOneNotRetried()
    {
        _messenger.Setup(m => m.OpenPersonalChatAsync(TestIds.TenantId, TestIds.ServiceUrl, TestIds.BotId, "29:1answered-a", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OpenedChat(DeliveryOutcome.RecipientGone, null, "403"));

        var first = await Sender().SendAsync(Send(), CancellationToken.None);
        var second = await Sender().SendAsync(Send(), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, first.Outcome);
        Assert.Equal(DeliveryOutcome.Delivered, second.Outcome);
        Assert.Equal(["29:1answered-b", "29:1waiting-c", "29:1waiting-d"], _remindedUsers);
        _messenger.Verify(m => m.OpenPersonalChatAsync(TestIds.TenantId, TestIds.ServiceUrl, TestIds.BotId, "29:1answered-a", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SendAsync_OneSendFailed_ReturnsFailedAndTheRetryRemindsOnlyThatMember()
    {
        _sendOutcomes["29:1waiting-c"] = DeliveryOutcome.Failed;

        var first = await Sender().SendAsync(Send(), CancellationToken.None);
        _sendOutcomes.Clear();
        var retry = await Sender().SendAsync(Send(), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Failed, first.Outcome);
        Assert.Equal(DeliveryOutcome.Delivered, retry.Outcome);
        Assert.Equal(["29:1answered-a", "29:1answered-b", "29:1waiting-d", "29:1waiting-c"], _remindedUsers);
    }

    [Fact]
    public async Task SendAsync_Throttled_StopsAndReturnsFailed()
    {
        _sendOutcomes["29:1answered-a"] = DeliveryOutcome.Throttled;

        var result = await Sender().SendAsync(Send(), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Failed, result.Outcome);
        Assert.Empty(_remindedUsers);
        _messenger.Verify(m => m.OpenPersonalChatAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SendAsync_CheckInClosedOrSaltGone_DeliveredWithoutReadingTheRoster()
    {
        _checkIns.Setup(c => c.GetSaltAsync(TestIds.TenantId, _checkIn.CheckInId, It.IsAny<CancellationToken>())).ReturnsAsync((byte[]?)null);
        var saltGone = await Sender().SendAsync(Send(), CancellationToken.None);
        _checkIns.Setup(c => c.GetSaltAsync(TestIds.TenantId, _checkIn.CheckInId, It.IsAny<CancellationToken>())).ReturnsAsync(Salt);
        _time.SetUtcNow(_checkIn.ClosesAt);
        var closed = await Sender().SendAsync(Send(), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, closed.Outcome);
        Assert.Equal(DeliveryOutcome.Delivered, saltGone.Outcome);
        _messenger.Verify(m => m.ListMembersAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task SendAsync_RosterUnreadable_FailedForARetry()
    {
        _messenger.Setup(m => m.ListMembersAsync(TestIds.TenantId, TestIds.ServiceUrl, TestIds.TeamId, It.IsAny<CancellationToken>()))
            .Throws(new InvalidOperationException("roster unavailable"));

        var result = await Sender().SendAsync(Send(), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Failed, result.Outcome);
    }

    private Task<BallotOutcome> VoteAsync(string aadObjectId) =>
        _ballots.CastAsync(TestIds.TenantId, _checkIn.CheckInId, _hasher.Hash(Salt, TestIds.TenantId, _checkIn.CheckInId, aadObjectId), new Dictionary<string, int>(), new BallotTerms(_checkIn.Threshold, _checkIn.ClosesAt), CancellationToken.None);

    private OutboundSend Send() => new(
        "reminder:occurrence", OutboundKinds.Reminder, TestIds.TenantId, TestIds.TeamId, null,
        new JsonObject { [ReminderJob.CheckInIdKey] = _checkIn.CheckInId }.ToJsonString());

    private ReminderSender Sender() => new(
        _checkIns.Object, _installations, _ballots, _hasher, _idempotency, _messenger.Object, _time, NullLogger<ReminderSender>.Instance);
}
