using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Commands;
using TrustBot.Core.Digests;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Core.Nudges;
using TrustBot.Core.Reminders;
using TrustBot.Core.Scheduling;
using TrustBot.Core.SpeakUp;
using TrustBot.Testing.Connector;

namespace TrustBot.Web.Tests.ScaleOut;

/// <summary>
/// Three host instances, one Azurite, one stub Connector and one fake clock, run through four simulated weeks: every
/// scheduled check-in, speak-up prompt, digest, nudge and reminder must reach Teams exactly once, at its local time.
/// </summary>
public sealed class ScaleOutTests
{
    private const string TenantId = "b1c2d3e4-0000-4000-8000-00000000c1a5";
    private static readonly string[] Zones = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney"];
    private static readonly TimeSpan Step = TimeSpan.FromHours(1);

    [Fact]
    public async Task ThreeHosts_SimulatedMonth_DeliverEveryScheduledSendExactlyOnce()
    {
        var start = NextMondayUtc(DateTimeOffset.UtcNow);
        var clock = new FakeTimeProvider(start);
        await using var cluster = await MultiHostCluster.StartAsync(clock, new Dictionary<string, string?>
        {
            ["Delivery:PollInterval"] = "00:00:05",
            // Longer than any send takes in wall time while the clock is nudged a second per 100 ms: with 5 s, one send
            // slowed by a loaded machine outlived its visibility and was sent again by another host (a test artifact;
            // in production a send takes milliseconds against two minutes).
            ["Delivery:Visibility"] = "00:01:00",
            ["Delivery:SendSectionTimeout"] = "00:00:50",
            ["CheckIns:CloseInterval"] = "00:15:00",
        });
        for (var i = 0; i < 3; i++)
        {
            cluster.StartHost();
        }

        for (var team = 0; team < Zones.Length; team++)
        {
            // The co-leader is on the team, as `leaders add` requires.
            cluster.Connector.SetRoster(
                Enumerable.Range(0, 3).Select(m => StubConnector.Member(Member(team, m), aadObjectId: Guid.NewGuid().ToString()))
                    .Append(StubConnector.Member(CoLeader(team), "Co")),
                TeamId(team));
            await WithTimeMovingAsync(InstallAsync(cluster.Services(team % 3), cluster.Connector.ServiceUrl, team), clock);
        }

        var end = start + TimeSpan.FromDays(26);
        while (clock.GetUtcNow() < end)
        {
            clock.Advance(Step);
            await WaitIdleAsync(cluster, clock);
        }

        var sends = cluster.Connector.Requests
            .Where(r => r.Operation == StubOperation.SendToConversation && r.ResponseStatusCode is >= 200 and < 300)
            .Select(r => (Conversation: r.ConversationId!, Summary: (string?)r.Body?["summary"], At: r.ReceivedAt))
            .ToList();
        string Chat(string user) => cluster.Connector.PersonalConversationId(TenantId, user) ?? "(never opened)";

        for (var team = 0; team < Zones.Length; team++)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(Zones[team]);
            var channel = sends.Where(s => s.Conversation == ChannelId(team)).ToList();
            var checkIns = channel.Where(s => s.Summary == CheckInCard.Summary).ToList();
            Assert.Equal(4, checkIns.Count);
            Assert.All(checkIns, s => AssertLocal(s.At, zone, DayOfWeek.Tuesday, 10));
            Assert.Equal(2, channel.Count(s => s.Summary == SpeakUpCard.Summary));

            foreach (var leader in new[] { Leader(team), CoLeader(team) })
            {
                var chat = sends.Where(s => s.Conversation == Chat(leader)).ToList();
                Assert.Equal(4, chat.Count(s => s.Summary == DigestCard.Summary));
                var nudges = chat.Where(s => s.Summary == NudgeCard.Summary).ToList();
                // Weekly at Monday 09:00 local; nobody answers, so after three ignored nudges the fourth waits two weeks.
                Assert.Equal(3, nudges.Count);
                Assert.All(nudges, s => AssertLocal(s.At, zone, DayOfWeek.Monday, 9));
                Assert.All(nudges, s => Assert.False(QuietHours.Default.Contains(s.At, zone)));
            }

            for (var m = 0; m < 3; m++)
            {
                // Nobody answers, so each member is reminded once per check-in.
                Assert.Equal(4, sends.Count(s => s.Conversation == Chat(Member(team, m)) && s.Summary == ReminderCard.Summary));
            }
        }

        Assert.DoesNotContain(cluster.Connector.Requests, r => r.ResponseStatusCode >= 400);
    }

    private static async Task InstallAsync(IServiceProvider services, string serviceUrl, int team)
    {
        await using var scope = services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService<InstallationHandler>();
        await handler.HandleAsync(
            new InstallationEvent
            {
                TenantId = TenantId,
                Kind = ConversationKind.Channel,
                ConversationId = ChannelId(team),
                TeamId = TeamId(team),
                TeamName = $"Team {team}",
                ServiceUrl = serviceUrl,
                BotId = MultiHostCluster.BotId,
                ActorId = Leader(team),
                ActorAadObjectId = Guid.NewGuid().ToString(),
                ActorName = "Lead",
                ActorTimeZone = Zones[team],
                Change = InstallationChange.Added,
            },
            CancellationToken.None);

        var messages = scope.ServiceProvider.GetRequiredService<MessageHandler>();
        await messages.HandleAsync(
            new IncomingMessage
            {
                TenantId = TenantId,
                Kind = ConversationKind.Channel,
                ConversationId = ChannelId(team),
                TeamId = TeamId(team),
                ServiceUrl = serviceUrl,
                BotId = MultiHostCluster.BotId,
                Text = "leaders add Co",
                FromId = Leader(team),
                Mentions = [new TeamMember(CoLeader(team), null, "Co")],
            },
            CancellationToken.None);
    }

    // The install posts the welcome and then the privacy notice into one channel, and the Connector's rate limiter paces
    // the second on the fake clock: keep that clock moving until the install is done.
    private static async Task WithTimeMovingAsync(Task work, FakeTimeProvider clock)
    {
        while (await Task.WhenAny(work, Task.Delay(50)) != work)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        await work;
    }

    private static async Task WaitIdleAsync(MultiHostCluster cluster, FakeTimeProvider clock)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var nudged = TimeSpan.Zero;
        while (!await cluster.IsIdleAsync(clock.GetUtcNow()))
        {
            // Azurite hides a received message for the visibility timeout in real time (60 s here): a send cut off on a
            // loaded machine comes back only then, and another host must still be able to finish it within the wait.
            if (waited.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new TimeoutException($"The hosts did not finish the work due by {clock.GetUtcNow():O}: {await cluster.DescribeWorkAsync(clock.GetUtcNow())}.");
            }

            // An idle outbox worker polls again after five (fake) seconds, and a send paced by the rate limiter waits on
            // the fake clock too: when the work stands still, let the clock move on a second.
            if (waited.Elapsed - nudged > TimeSpan.FromMilliseconds(100))
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                nudged = waited.Elapsed;
            }

            await Task.Delay(10);
        }
    }

    private static void AssertLocal(DateTimeOffset at, TimeZoneInfo zone, DayOfWeek day, int hour)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        Assert.True(local.DayOfWeek == day && local.Hour == hour, $"Expected {day} {hour}:00 local in {zone.Id}, got {local.ToString("dddd HH:mm", CultureInfo.InvariantCulture)}.");
    }

    private static DateTimeOffset NextMondayUtc(DateTimeOffset now)
    {
        var date = now.UtcDateTime.Date.AddDays(1);
        while (date.DayOfWeek != DayOfWeek.Monday)
        {
            date = date.AddDays(1);
        }

        return new DateTimeOffset(date, TimeSpan.Zero);
    }

    private static string TeamId(int team) => $"19:team{team}@thread.tacv2";

    private static string ChannelId(int team) => TeamId(team);

    private static string Leader(int team) => $"29:lead-{team}";

    private static string CoLeader(int team) => $"29:co-{team}";

    private static string Member(int team, int member) => $"29:member-{team}-{member}";
}
