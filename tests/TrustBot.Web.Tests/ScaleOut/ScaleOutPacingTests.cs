using System.Globalization;
using System.Net;
using TrustBot.Core.Help;
using TrustBot.Testing.Connector;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.ScaleOut;

/// <summary>
/// Three instances of the real host on the wall clock, sharing one Azurite, answer people of two tenants who all write at
/// once, to whichever instance. Each tenant has its own stand-in Connector enforcing Teams' limits for one app in one
/// tenant (429 + Retry-After), which is how Teams counts: the stand-ins count every request of every instance. Paced
/// per instance alone, three instances would send a busy tenant up to three times its limit.
/// </summary>
[Collection(PacingGroup.Name)]
public sealed class ScaleOutPacingTests(BotHostFixture fixture)
{
    private const int Instances = 3;
    private const int BusyPeople = 150;
    private const int QuietPeople = 15;
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task ThreeHosts_TwoTenantsWritingAtOnce_EachTenantGetsAtMostItsLimitPerSecond_AndEveryReplyOnce()
    {
        await using var busy = await TeamsLimitedConnector.StartAsync();
        await using var quiet = await TeamsLimitedConnector.StartAsync();
        var settings = fixture.Settings(BotHostFixture.AppId);
        settings["Storage:TablePrefix"] = "p" + Guid.NewGuid().ToString("N")[..8];
        // Room for every reply at once on the three workers, so that the Connector's pacing alone decides the times.
        settings["Delivery:Concurrency"] = "64";
        var hosts = Enumerable.Range(0, Instances).Select(_ => StartHost(settings)).ToList();
        try
        {
            var busyPeople = People("busy", BusyPeople);
            var quietPeople = People("quiet", QuietPeople);
            var busyTenant = Guid.NewGuid().ToString();
            var quietTenant = Guid.NewGuid().ToString();
            var messages = busyPeople.Select(p => (Person: p, Tenant: busyTenant, Connector: busy))
                .Concat(quietPeople.Select(p => (Person: p, Tenant: quietTenant, Connector: quiet)))
                .ToList();

            var started = DateTimeOffset.UtcNow;
            var answers = await Task.WhenAll(messages.Select((m, i) =>
                PostHelpAsync(hosts[i % Instances].Client, m.Connector.ServiceUrl, m.Tenant, m.Person)));

            Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
            await busy.WaitForDeliveredAsync(BusyPeople, TimeSpan.FromSeconds(60));
            await quiet.WaitForDeliveredAsync(QuietPeople, TimeSpan.FromSeconds(60));
            // Long enough for a late second copy of any reply to show.
            await Task.Delay(TimeSpan.FromSeconds(2));

            foreach (var (connector, people) in new[] { (busy, busyPeople), (quiet, quietPeople) })
            {
                Assert.True(connector.Throttled.Count == 0, $"{connector.Throttled.Count} requests answered 429, the first {(connector.Throttled.Count > 0 ? connector.Throttled[0].Wait.TotalMilliseconds : 0):0.0} ms early; busiest second {BusiestSecond(connector.Delivered.Select(d => d.ReceivedAt))}.");
                Assert.All(people, person => Assert.Single(
                    connector.DeliveredTo(TeamsLimitedConnector.PersonalConversationId(person)), d => d.Summary == HelpCard.Summary));
                var busiest = BusiestSecond(connector.Delivered.Select(d => d.ReceivedAt));
                Assert.True(busiest <= TeamsRateLimits.Teams.PerApp[0].Limit, $"{busiest} requests to one tenant within one second.");
            }

            // The busy tenant's replies really went out from several instances (the limit held across them), at the
            // tenant's pace and not in bursts, while the quiet tenant did not wait behind the busy one.
            Assert.True(hosts.Count(h => h.Factory.Outbound.Uris.Any(u => busy.ServiceUrl.StartsWith(u.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal))) >= 2);
            var busySpan = busy.Delivered.Max(d => d.ReceivedAt) - busy.Delivered.Min(d => d.ReceivedAt);
            Assert.True(busySpan >= TimeSpan.FromSeconds((BusyPeople - TeamsRateLimits.Teams.PerApp[0].Limit) / (double)TeamsRateLimits.Teams.PerApp[0].Limit), $"{busySpan}");
            var quietDone = quiet.Delivered.Max(d => d.ReceivedAt);
            var busyDone = busy.Delivered.Max(d => d.ReceivedAt);
            Assert.True(quietDone < busyDone - Second, $"The quiet tenant's last reply came {(quietDone - started).TotalSeconds:0.00} s in, the busy tenant's {(busyDone - started).TotalSeconds:0.00} s in.");
        }
        finally
        {
            foreach (var (factory, client) in hosts)
            {
                client.Dispose();
                await factory.DisposeAsync();
            }
        }
    }

    private static (BotApplicationFactory Factory, HttpClient Client) StartHost(IReadOnlyDictionary<string, string?> settings)
    {
        var factory = new BotApplicationFactory(settings);
        factory.UseKestrel(0);
        factory.StartServer();
        return (factory, factory.CreateClient());
    }

    private static List<string> People(string tag, int count) =>
        [.. Enumerable.Range(0, count).Select(i => $"29:{tag}-{i.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..6]}")];

    private async Task<HttpStatusCode> PostHelpAsync(HttpClient client, string serviceUrl, string tenantId, string userId)
    {
        var person = new TeamsUser(userId, Guid.NewGuid().ToString(), "Person", TeamsLimitedConnector.PersonalConversationId(userId));
        var activity = new TeamsActivities(serviceUrl, tenantId).PersonalMessageFrom(person, "help");
        using var response = await BotHostFixture.PostRawAsync(client, activity.ToJsonString(), fixture.Issuer.CreateToken(BotHostFixture.AppId, serviceUrl));
        return response.StatusCode;
    }

    // The most arrivals within any one-second window (a window starting at each arrival).
    private static int BusiestSecond(IEnumerable<DateTimeOffset> arrivals)
    {
        var sorted = arrivals.Order().ToList();
        var busiest = 0;
        var end = 0;
        for (var start = 0; start < sorted.Count; start++)
        {
            while (end < sorted.Count && sorted[end] - sorted[start] < Second)
            {
                end++;
            }

            busiest = Math.Max(busiest, end - start);
        }

        return busiest;
    }
}
