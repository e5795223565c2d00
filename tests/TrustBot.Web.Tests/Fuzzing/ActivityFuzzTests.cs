using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Fuzzing;

/// <summary>
/// Posts well over a thousand mutated activities through the real pipeline. Whatever arrives: no 5xx, nothing stored
/// for any request that was refused, and no outbound call to a host outside the allow-list.
/// </summary>
[Collection(BotHostGroup.Name)]
public sealed class ActivityFuzzTests(BotHostFixture host)
{
    private const int Cases = 1200;
    private static readonly string[] ForeignServiceUrls =
    [
        "https://attacker.example.net/", "http://169.254.169.254/latest/", "https://smba.trafficmanager.net.evil.example/",
        "file:///etc/passwd", "https://user:pw@smba.trafficmanager.net/amer/", "not a url", "http://10.0.0.1/",
    ];

    private static readonly string[] Types =
    [
        "message", "invoke", "installationUpdate", "conversationUpdate", "event", "messageReaction", "typing", "", "???", "MESSAGE",
    ];

    [Fact]
    public async Task MutatedActivities_NeverCause5xx_NeverWriteWhenRefused_NeverCallForeignHosts()
    {
        var random = new Random(20261123);
        var refusedTenants = new List<string>();
        var statuses = new Dictionary<int, int>();

        for (var i = 0; i < Cases; i++)
        {
            var tenant = Guid.NewGuid().ToString();
            var teams = new TeamsActivities(host.ServiceUrl, tenant);
            var (body, token) = Mutate(random, teams, i);

            using var response = await host.PostRawAsync(body, token);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;

            Assert.True(status < 500, $"case {i.ToString(CultureInfo.InvariantCulture)} answered {status}: {Truncate(body)}");
            if (status >= 400)
            {
                refusedTenants.Add(tenant);
            }
        }

        // The run must have exercised both sides: plenty refused and some accepted.
        Assert.True(refusedTenants.Count > Cases / 3, $"only {refusedTenants.Count} refused");
        Assert.True(statuses.GetValueOrDefault(200) > 50, "too few accepted");

        foreach (var tenant in refusedTenants.Take(300))
        {
            Assert.Empty(await host.RowsForTenantAsync(tenant));
        }

        var stubAuthority = new Uri(host.ServiceUrl).Authority;
        Assert.All(host.Factory.Outbound.Uris.Where(u => u.AbsolutePath.StartsWith("/v3/", StringComparison.Ordinal)),
            uri => Assert.Equal(stubAuthority, uri.Authority));
        Assert.DoesNotContain(host.Factory.Outbound.Uris, u => u.Authority != stubAuthority && !IsOpenIdServer(u));
    }

    private bool IsOpenIdServer(Uri uri) => uri.Authority == new Uri(host.OpenId.MetadataUrl).Authority;

    private (string Body, string? Token) Mutate(Random random, TeamsActivities teams, int i)
    {
        var activity = (i % 6) switch
        {
            0 => teams.TeamInstall(),
            1 => teams.PersonalMessage("help"),
            2 => teams.CardAction("vote"),
            3 => teams.TeamBotRemoved(),
            4 => teams.ChannelMention("checkin"),
            _ => teams.GroupChatBotAdded(),
        };
        string ValidToken(string? serviceUrl = null) =>
            host.Issuer.CreateToken(BotHostFixture.AppId, serviceUrl ?? activity["serviceUrl"]?.ToString() ?? host.ServiceUrl);

        switch (random.Next(12))
        {
            case 0: // foreign service URL, with a token that matches it (the bot must still refuse to call it)
                var foreign = ForeignServiceUrls[random.Next(ForeignServiceUrls.Length)];
                activity["serviceUrl"] = foreign;
                return (activity.ToJsonString(), ValidToken(foreign));
            case 1: // invalid JSON
                var json = activity.ToJsonString();
                return (json[..random.Next(json.Length)], ValidToken());
            case 2: // wrong types
                activity[Pick(random, activity)] = random.Next(3) switch { 0 => 42, 1 => new JsonArray(1, 2), _ => true };
                return (activity.ToJsonString(), ValidToken());
            case 3: // missing fields
                foreach (var key in activity.Select(p => p.Key).Where(_ => random.Next(3) == 0).ToList())
                {
                    activity.Remove(key);
                }

                return (activity.ToJsonString(), ValidToken());
            case 4: // huge fields, sometimes over the cap
                activity["text"] = new string('é', random.Next(1, 200_000));
                return (activity.ToJsonString(), ValidToken());
            case 5: // deep nesting
                JsonNode nested = new JsonObject();
                for (var d = 0; d < random.Next(60, 400); d++)
                {
                    nested = new JsonObject { ["n"] = nested };
                }

                activity["value"] = nested;
                return (activity.ToJsonString(), ValidToken());
            case 6: // random type
                activity["type"] = Types[random.Next(Types.Length)];
                return (activity.ToJsonString(), ValidToken());
            case 7: // bad or missing token
                return (activity.ToJsonString(), random.Next(2) == 0 ? null : "garbage." + random.Next());
            case 8: // random bytes
                var bytes = new byte[random.Next(1, 2048)];
                random.NextBytes(bytes);
                return (Encoding.Latin1.GetString(bytes), ValidToken());
            case 9: // foreign tenant ids and odd conversation ids in the payload
                activity["conversation"]!["id"] = random.Next(2) == 0 ? "../../etc" : "19:x@thread.tacv2;messageid=" + new string('9', 500);
                activity["channelData"]!["tenant"]!["id"] = random.Next(2) == 0 ? "" : "' or PartitionKey ne '";
                return (activity.ToJsonString(), ValidToken());
            case 10: // odd values in invoke payloads and actions
                activity["value"] = random.Next(2) == 0 ? JsonValue.Create("x") : new JsonObject { ["action"] = new JsonObject { ["verb"] = 7 } };
                activity["action"] = "dance";
                activity["name"] = "adaptiveCard/action";
                return (activity.ToJsonString(), ValidToken());
            default: // unmodified: must be accepted
                return (activity.ToJsonString(), ValidToken());
        }
    }

    private static string Pick(Random random, JsonObject activity)
    {
        var keys = activity.Select(p => p.Key).ToList();
        return keys[random.Next(keys.Count)];
    }

    private static string Truncate(string body) => body.Length > 300 ? body[..300] : body;
}
