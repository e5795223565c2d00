using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Commands;
using TrustBot.Core.Installations;
using TrustBot.Core.Launching;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Tests.Launching;

public sealed class LaunchGateTests
{
    private const string LeaderId = "29:1leader";
    private const string MemberId = "29:1member";
    private static readonly DateOnly Today = new(2026, 12, 3);

    private readonly Mock<ILeaderStore> _leaders = new();
    private readonly Mock<ILaunchCounter> _counter = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 22, 15, 0, TimeSpan.Zero));

    public LaunchGateTests()
    {
        _leaders
            .Setup(l => l.ListForTeamAsync(TestIds.TenantId, TestIds.TeamId, It.IsAny<CancellationToken>()))
            .Returns(() => new[] { Leader("Ada Lovelace") }.ToAsyncEnumerable());
        _counter
            .Setup(c => c.TryReserveAsync(TestIds.TenantId, TestIds.TeamId, Today, 3, It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);
    }

    [Fact]
    public async Task TryBeginAsync_AMember_IsRefusedWithTheLeadersNames_AndCountsNothing()
    {
        var decision = await Gate().TryBeginAsync(Message(MemberId), Team(), "a check-in", CancellationToken.None);

        Assert.False(decision.IsAllowed);
        Assert.Contains("Only a team's leaders can start a check-in", decision.Refusal, StringComparison.Ordinal);
        Assert.Contains("**Ada Lovelace**", decision.Refusal, StringComparison.Ordinal);
        _counter.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task TryBeginAsync_ALeader_ReservesTodaysLaunch()
    {
        var decision = await Gate().TryBeginAsync(Message(LeaderId), Team(), "a check-in", CancellationToken.None);

        Assert.True(decision.IsAllowed);
        Assert.Equal(Today, decision.Day);
        _counter.Verify(c => c.TryReserveAsync(TestIds.TenantId, TestIds.TeamId, Today, 3, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task TryBeginAsync_LimitReached_SaysWhenItResets()
    {
        _counter
            .Setup(c => c.TryReserveAsync(TestIds.TenantId, TestIds.TeamId, Today, 3, It.IsAny<CancellationToken>()))
            .ReturnsAsync(false);

        var decision = await Gate().TryBeginAsync(Message(LeaderId), Team(), "a speak-up", CancellationToken.None);

        Assert.False(decision.IsAllowed);
        Assert.Contains("already had 3 check-ins or speak-ups started by hand today", decision.Refusal, StringComparison.Ordinal);
        Assert.Contains("You can start one again from Fri 4 Dec 00:00", decision.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReleaseAsync_AfterAnAllowedLaunch_GivesTheReservationBack()
    {
        var gate = Gate();
        var decision = await gate.TryBeginAsync(Message(LeaderId), Team(), "a check-in", CancellationToken.None);

        await gate.ReleaseAsync(Team(), decision, CancellationToken.None);

        _counter.Verify(c => c.ReleaseAsync(TestIds.TenantId, TestIds.TeamId, Today, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task LaunchAsync_SomethingLaunched_KeepsTheReservation()
    {
        var (result, refusal) = await Gate().LaunchAsync(
            Message(LeaderId), Team(), "a check-in", _ => Task.FromResult<string?>("posted"), r => r is not null, CancellationToken.None);

        Assert.Equal(("posted", (string?)null), (result, refusal));
        _counter.Verify(c => c.ReleaseAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateOnly>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task LaunchAsync_NothingLaunched_GivesTheReservationBack()
    {
        var (result, refusal) = await Gate().LaunchAsync(
            Message(LeaderId), Team(), "a check-in", _ => Task.FromResult<string?>(null), r => r is not null, CancellationToken.None);

        Assert.Equal((null, null), (result, refusal));
        _counter.Verify(c => c.ReleaseAsync(TestIds.TenantId, TestIds.TeamId, Today, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task LaunchAsync_LaunchThrows_GivesTheReservationBackAndRethrows()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Gate().LaunchAsync<string?>(
            Message(LeaderId), Team(), "a check-in", _ => throw new InvalidOperationException("post failed"), r => r is not null, CancellationToken.None));

        _counter.Verify(c => c.ReleaseAsync(TestIds.TenantId, TestIds.TeamId, Today, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task LaunchAsync_AMember_IsRefusedWithoutRunningTheLaunch()
    {
        var ran = false;
        var (_, refusal) = await Gate().LaunchAsync(
            Message(MemberId), Team(), "a speak-up", _ => { ran = true; return Task.FromResult<string?>("posted"); }, r => r is not null, CancellationToken.None);

        Assert.False(ran);
        Assert.Contains("Only a team's leaders can start a speak-up", refusal, StringComparison.Ordinal);
    }

    private LaunchGate Gate() => new(
        _leaders.Object, _counter.Object, new LeaderZones(_leaders.Object), Options.Create(new LaunchOptions()), _time);

    private static Leader Leader(string name) => new()
    {
        TenantId = TestIds.TenantId,
        TeamKey = TestIds.TeamId,
        UserId = LeaderId,
        Name = name,
        ServiceUrl = TestIds.ServiceUrl,
        BotId = TestIds.BotId,
        AddedAt = DateTimeOffset.UnixEpoch,
    };

    private static IncomingMessage Message(string fromId) => new()
    {
        TenantId = TestIds.TenantId,
        Kind = ConversationKind.Channel,
        ConversationId = TestIds.ChosenChannelId,
        TeamId = TestIds.TeamId,
        ServiceUrl = TestIds.ServiceUrl,
        BotId = TestIds.BotId,
        Text = "checkin",
        FromId = fromId,
    };

    private static Installation Team() => new()
    {
        TenantId = TestIds.TenantId,
        Key = TestIds.TeamId,
        Kind = ConversationKind.Channel,
        ServiceUrl = TestIds.ServiceUrl,
        ConversationId = TestIds.ChosenChannelId,
        BotId = TestIds.BotId,
        InstalledAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };
}
