using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;
using TrustBot.Core.Nudges;
using TrustBot.Core.Scheduling;
using TrustBot.Testing.Connector;
using TrustBot.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TrustBot.Web.Tests.ScaleOut;

/// <summary>
/// A host killed in the middle of a fan-out, and a fresh one started in its place: the survivors and the newcomer
/// take over what it had claimed, and every leader gets exactly one nudge. Real clock, real storage, real hosts.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Leaders = 120;
    // Long enough that a send slowed by a loaded machine is not cut off by its section after the stub accepted it,
    // which would bring its message back and send it twice; short enough that the killed host's copies return soon.
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        // Near the validator's floors (a 1 s poll, 5 s leases), and a send section shorter than the visibility.
        ["Delivery:PollInterval"] = "00:00:01",
        ["Delivery:LeaseDuration"] = "00:00:05",
        ["Delivery:Visibility"] = Visibility.ToString("c", CultureInfo.InvariantCulture),
        ["Delivery:SendSectionTimeout"] = "00:00:08",
        // Few sends at once per host, so that the fan-out lasts long enough to be cut in the middle.
        ["Delivery:Concurrency"] = "4",
    };

    [Fact]
    public async Task KillHost_MidNudgeFanOut_EveryLeaderGetsExactlyOneNudge()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await MultiHostCluster.StartAsync(null, Settings);
        cluster.Connector.Latency = TimeSpan.FromMilliseconds(60);
        cluster.StartHost();
        cluster.StartHost();
        var started = DateTimeOffset.UtcNow;

        var tenantId = Guid.NewGuid().ToString();
        var teamKey = $"19:team{Guid.NewGuid():N}@thread.tacv2";
        await InstallTeamAsync(cluster, tenantId, teamKey);
        var leaderIds = Enumerable.Range(0, Leaders)
            .Select(i => $"29:1leader{i.ToString(CultureInfo.InvariantCulture)}{Guid.NewGuid():N}")
            .ToList();
        var due = started.AddSeconds(-1);
        await AddDueLeadersAsync(cluster.Services(0), cluster.Connector.ServiceUrl, tenantId, teamKey, leaderIds, due);
        output.WriteLine($"set up after {clock.Elapsed.TotalSeconds:F1} s");

        // Kill host 0 once about a third of the cards are out: it holds sends in flight and messages still hidden.
        var deliveredAtKill = await WaitUntilAsync(() => NudgeCards(cluster.Connector).Count, n => n >= Leaders / 3, TimeSpan.FromSeconds(30));
        var postedByHost0 = ActivityPosts(cluster.Outbound(0));
        await cluster.KillAsync(0);
        output.WriteLine($"killed host 0 after {clock.Elapsed.TotalSeconds:F1} s with {deliveredAtKill} cards delivered, {postedByHost0} posted by host 0");
        Assert.InRange(deliveredAtKill, 1, Leaders - 1);
        Assert.True(postedByHost0 > 0, "Host 0 had taken no part in the fan-out when it was killed.");
        var restarted = cluster.StartHost();

        var finished = Stopwatch.StartNew();
        while (!await AllDeliveredAndIdleAsync(cluster, leaderIds.Count))
        {
            Assert.True(finished.Elapsed < Deadline, $"Not done within {Deadline}: {NudgeCards(cluster.Connector).Count} of {Leaders} cards delivered.");
            await Task.Delay(200);
        }

        output.WriteLine($"all delivered and idle after {clock.Elapsed.TotalSeconds:F1} s");

        // A copy brought back by an expired visibility timeout would show up within one more visibility period.
        await Task.Delay(Visibility + TimeSpan.FromSeconds(1));

        var cards = NudgeCards(cluster.Connector);
        var aborted = cluster.Connector.Requests.Count(r => r.ResponseStatusCode == 0);
        output.WriteLine($"{cards.Count} cards, {aborted} requests dropped by their client, {clock.Elapsed.TotalSeconds:F1} s in all; "
            + $"activities posted per host: {ActivityPosts(cluster.Outbound(0))}, {ActivityPosts(cluster.Outbound(1))}, {ActivityPosts(cluster.Outbound(restarted))}");

        var services = cluster.Services(restarted);
        var idempotency = services.GetRequiredService<IIdempotencyStore>();
        var nudges = services.GetRequiredService<INudgeStore>();
        foreach (var userId in leaderIds)
        {
            var chat = cluster.Connector.PersonalConversationId(tenantId, userId);
            Assert.NotNull(chat);
            Assert.Single(cards, c => c.ConversationId == chat);

            var occurrence = new TimetableEntry(tenantId, teamKey, JobNames.For(JobNames.Nudge, userId), due).OccurrenceKey;
            var record = await idempotency.GetAsync(NudgeJob.KeyPrefix + occurrence, CancellationToken.None);
            Assert.Equal(IdempotencyStates.Done, record?.State);

            var history = await nudges.ListForLeaderAsync(tenantId, teamKey, userId, started.AddMinutes(-1), CancellationToken.None);
            Assert.Single(history);
        }

        Assert.Equal(Leaders, cards.Count);
        Assert.Equal(0, await services.GetRequiredService<IDeadLetterLog>().CountSinceAsync(started.AddMinutes(-1), CancellationToken.None));
        Assert.Equal(0, await OutboxCountAsync(cluster));
    }

    private static async Task InstallTeamAsync(MultiHostCluster cluster, string tenantId, string teamKey)
    {
        await using var scope = cluster.Services(0).CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<InstallationHandler>().HandleAsync(
            new InstallationEvent
            {
                TenantId = tenantId,
                Kind = ConversationKind.Channel,
                ConversationId = teamKey,
                TeamId = teamKey,
                TeamName = "Platform Team",
                ChannelId = teamKey,
                ServiceUrl = cluster.Connector.ServiceUrl,
                BotId = MultiHostCluster.BotId,
                ActorId = $"29:1installer{Guid.NewGuid():N}",
                ActorName = "Ada Lovelace",
                Change = InstallationChange.Added,
            },
            CancellationToken.None);
    }

    private static async Task AddDueLeadersAsync(
        IServiceProvider services, string serviceUrl, string tenantId, string teamKey, IReadOnlyList<string> leaderIds, DateTimeOffset due)
    {
        var leaders = services.GetRequiredService<ILeaderStore>();
        var timetable = services.GetRequiredService<ITimetable>();
        var now = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(leaderIds, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (userId, cancellationToken) =>
        {
            var leader = new Leader
            {
                TenantId = tenantId,
                TeamKey = teamKey,
                UserId = userId,
                ServiceUrl = serviceUrl,
                BotId = MultiHostCluster.BotId,
                AddedAt = now,
            };
            Assert.True(await leaders.AddAsync(leader, cancellationToken));
            await timetable.SetAsync(new TimetableEntry(tenantId, teamKey, JobNames.For(JobNames.Nudge, userId), due), cancellationToken);
        });
    }

    private static async Task<bool> AllDeliveredAndIdleAsync(MultiHostCluster cluster, int leaders) =>
        NudgeCards(cluster.Connector).Select(c => c.ConversationId).Distinct(StringComparer.Ordinal).Count() == leaders
        && await cluster.IsIdleAsync(DateTimeOffset.UtcNow);

    /// <summary>Nudge cards the stub accepted (posted), in arrival order.</summary>
    private static List<RecordedRequest> NudgeCards(StubConnector connector) => connector.Requests
        .Where(r => r.Operation == StubOperation.SendToConversation
            && r.ResponseStatusCode == 201
            && (string?)r.Body?["summary"] == NudgeCard.Summary)
        .ToList();

    private static int ActivityPosts(OutboundRecorder outbound) =>
        outbound.Uris.Count(u => u.AbsolutePath.EndsWith("/activities", StringComparison.Ordinal));

    private static async Task<int> WaitUntilAsync(Func<int> read, Func<int, bool> done, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var value = read();
            if (done(value))
            {
                return value;
            }

            Assert.True(watch.Elapsed < timeout, $"Condition not met within {timeout}; last value {value}.");
            await Task.Delay(10);
        }
    }

    private static async Task<int> OutboxCountAsync(MultiHostCluster cluster)
    {
        var queue = new QueueClient(cluster.Azurite.ConnectionString, cluster.TablePrefix.ToLowerInvariant() + "outbox");
        var properties = await queue.GetPropertiesAsync();
        return properties.Value.ApproximateMessagesCount;
    }
}
