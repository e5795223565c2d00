using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Commands;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;
using TrustBot.Core.Nudges;
using TrustBot.Core.Scheduling;
using TrustBot.Core.Tests.Fakes;

namespace TrustBot.Core.Tests.Nudges;

/// <summary>One team with one leader, its check-ins and nudges, and the nudge components wired to doubles.</summary>
internal sealed class NudgeWorld
{
    public const string LeaderId = "29:1leader-Qx8vB3nM8qW5eR2tY9uI6oP3lK";
    public const string LeaderAad = "5e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b";
    public const string OtherPersonId = "29:1other-Zz8vB3nM8qW5eR2tY9uI6oP3lK";
    public const string OtherTeamId = "19:OtherTeamOtherTeamOtherTeam00@thread.tacv2";
    public const string ChatId = "a:1leaderChat7xC0vB3nM8qW5eR2tY9uI6oP3lK";
    public const string TeamName = "Platform Team";

    /// <summary>Monday 2 March 2026, 09:00 in Berlin (UTC+1 before the March change).</summary>
    public static readonly DateTimeOffset MondayNine = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly List<CheckIn> _checkIns = [];
    private readonly Dictionary<string, Tally> _tallies = [];

    public NudgeWorld()
    {
        Installations.Seed(Team());
        Leaders.AddAsync(Leader(), CancellationToken.None).GetAwaiter().GetResult();
        CheckIns.Setup(s => s.ListForInstallationAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string tenant, string key, CancellationToken token) => Enumerate(_checkIns.Where(c => c.TenantId == tenant && c.InstallationKey == key).Reverse().ToList(), token));
        Ballots.Setup(b => b.GetTallyAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string id, CancellationToken _) => _tallies.GetValueOrDefault(id, Tally.Empty));
        Messenger.Setup(m => m.SendCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Delivered, "act-1"));
        Idempotency.Setup(i => i.TryBeginAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
    }

    public FakeTimeProvider Time { get; } = new(MondayNine);

    public InMemoryInstallationStore Installations { get; } = new();

    public InMemoryLeaderStore Leaders { get; } = new();

    public FakeNudgeStore Nudges { get; } = new();

    public Mock<ICheckInStore> CheckIns { get; } = new();

    public Mock<IBallotBox> Ballots { get; } = new();

    public Mock<IBotMessenger> Messenger { get; } = new();

    public Mock<IOutbox> Outbox { get; } = new();

    public Mock<IIdempotencyStore> Idempotency { get; } = new();

    public static ConversationAddress LeaderChat => new(TestIds.TenantId, TestIds.ServiceUrl, ChatId, TestIds.BotId);

    public static Installation Team(string? timeZoneId = "America/New_York") =>
        TestTeams.InstalledAt(MondayNine.AddDays(-60)) with { TeamName = TeamName, Schedule = TeamSchedule.Default(timeZoneId) };

    public static Leader Leader(string? timeZoneId = "Europe/Berlin") => new()
    {
        TenantId = TestIds.TenantId,
        TeamKey = TestIds.TeamId,
        UserId = LeaderId,
        AadObjectId = LeaderAad,
        TimeZoneId = timeZoneId,
        ServiceUrl = TestIds.ServiceUrl,
        BotId = TestIds.BotId,
        ChatConversationId = ChatId,
        AddedAt = MondayNine.AddDays(-60),
    };

    public TeamDimensionScores Scores() => new(CheckIns.Object, Ballots.Object, new CheckInStatements(Installations));

    public HabitChooser Chooser() => new(Scores());

    public NudgeJob Job() => new(new NudgeTeamReads(Installations, Leaders, Scores(), Time), Nudges, Time, NullLogger<NudgeJob>.Instance);

    public NudgeSender Sender() => new(
        new LeaderRecipients(Installations, Leaders, new LeaderChats(Leaders, Messenger.Object)),
        new LeaderChats(Leaders, Messenger.Object),
        Nudges,
        Chooser(),
        Messenger.Object,
        Time,
        NullLogger<NudgeSender>.Instance);

    public NudgeActionHandler Handler() => new(
        Installations, Leaders, Nudges, Chooser(), Idempotency.Object, Outbox.Object, Time, NullLogger<NudgeActionHandler>.Instance);

    /// <summary>A check-in asking about mistakes, tough issues and risk, closed with the given tally.</summary>
    public CheckIn AddClosedCheckIn(string id, Tally tally, CheckInStatus status = CheckInStatus.Closed)
    {
        var opens = MondayNine.AddDays(-7 * (10 - _checkIns.Count));
        var checkIn = new CheckIn
        {
            TenantId = TestIds.TenantId,
            CheckInId = id,
            InstallationKey = TestIds.TeamId,
            ConversationId = TestIds.ChosenChannelId,
            ServiceUrl = TestIds.ServiceUrl,
            StatementIds = ["ps-mistakes", "ps-tough-issues", "ps-risk"],
            Threshold = 3,
            OpensAt = opens,
            ClosesAt = opens.AddDays(3),
            Status = status,
        };
        _checkIns.Add(checkIn);
        _tallies[id] = tally;
        return checkIn;
    }

    /// <summary>
    /// <paramref name="replies"/> people each answered every statement the same way: risk badly (1 on a forward
    /// statement), mistakes and tough issues well. So "risk" is the weakest dimension.
    /// </summary>
    public static Tally RiskWeakest(int replies) => new(replies, new Dictionary<string, int[]>
    {
        ["ps-mistakes"] = [replies, 0, 0, 0, 0, 0, 0],
        ["ps-tough-issues"] = [0, 0, 0, 0, 0, 0, replies],
        ["ps-risk"] = [replies, 0, 0, 0, 0, 0, 0],
    });

    /// <summary>Like <see cref="RiskWeakest"/>, but tough issues is the weakest.</summary>
    public static Tally ToughIssuesWeakest(int replies) => new(replies, new Dictionary<string, int[]>
    {
        ["ps-mistakes"] = [replies, 0, 0, 0, 0, 0, 0],
        ["ps-tough-issues"] = [replies, 0, 0, 0, 0, 0, 0],
        ["ps-risk"] = [0, 0, 0, 0, 0, 0, replies],
    });

    public NudgeRecord AddNudge(string nudgeId, string habitId, DateTimeOffset sentAt, NudgeResponse response = NudgeResponse.None, string? teamKey = null)
    {
        var record = new NudgeRecord(TestIds.TenantId, teamKey ?? TestIds.TeamId, LeaderId, nudgeId, habitId, sentAt, response,
            response == NudgeResponse.None ? null : sentAt.AddHours(1), "act-" + nudgeId);
        Nudges.SaveAsync(record, CancellationToken.None).GetAwaiter().GetResult();
        return record;
    }

    public static CardAction Press(string verb, string nudgeId, string? fromId = LeaderId, string? clientTimeZone = null) => new()
    {
        TenantId = TestIds.TenantId,
        Kind = ConversationKind.Personal,
        ConversationId = ChatId,
        ServiceUrl = TestIds.ServiceUrl,
        BotId = TestIds.BotId,
        Verb = verb,
        Data = new JsonObject { ["nudgeId"] = nudgeId },
        FromId = fromId,
        ClientTimeZone = clientTimeZone,
    };

    private static async IAsyncEnumerable<T> Enumerate<T>(IEnumerable<T> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
    }
}
