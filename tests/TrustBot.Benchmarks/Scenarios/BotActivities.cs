using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace TrustBot.Benchmarks.Scenarios;

/// <summary>
/// Teams-shaped activities for one benchmark team, posted with a valid channel token to the environment's host, or to
/// <paramref name="hostAddress"/>; a <paramref name="token"/> passed in is shared across teams, as the Bot Connector
/// reuses one token for up to an hour. Each team is in a tenant of its own unless <paramref name="tenantId"/> is given.
/// </summary>
internal sealed class BotActivities(BenchmarkEnvironment environment, HttpClient client, Uri? hostAddress = null, string? token = null, string? tenantId = null)
{
    public string TenantId { get; } = tenantId ?? Guid.NewGuid().ToString();
    public string TeamId { get; } = $"19:benchteam{Guid.NewGuid():N}@thread.tacv2";
    public string ChannelId { get; } = $"19:benchchan{Guid.NewGuid():N}@thread.tacv2";
    private readonly string _token = token ?? environment.Issuer.CreateToken(BenchmarkEnvironment.AppId, environment.Connector.ServiceUrl);
    private readonly Uri _endpoint = new(hostAddress ?? environment.Host.ClientOptions.BaseAddress, "/api/messages");

    public JsonObject Activity(string type, string aadObjectId, Action<JsonObject>? extra = null)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = "f:" + Guid.NewGuid(),
            ["serviceUrl"] = environment.Connector.ServiceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = "29:bench-" + aadObjectId, ["aadObjectId"] = aadObjectId },
            ["recipient"] = new JsonObject { ["id"] = "28:" + BenchmarkEnvironment.AppId },
            ["conversation"] = new JsonObject { ["id"] = ChannelId, ["conversationType"] = "channel", ["tenantId"] = TenantId, ["isGroup"] = true },
            ["channelData"] = new JsonObject
            {
                ["tenant"] = new JsonObject { ["id"] = TenantId },
                ["team"] = new JsonObject { ["id"] = TeamId, ["name"] = "Benchmark team" },
                ["channel"] = new JsonObject { ["id"] = ChannelId },
            },
        };
        extra?.Invoke(activity);
        return activity;
    }

    /// <summary>A vote invoke on <paramref name="checkInId"/> from a new voter, with a random answer 1–7 to every input.</summary>
    public JsonObject Vote(string checkInId, IReadOnlyList<string> inputs)
    {
        var data = new JsonObject { ["checkInId"] = checkInId };
        foreach (var input in inputs)
        {
            data[input] = RandomNumberGenerator.GetInt32(1, 8).ToString(CultureInfo.InvariantCulture);
        }

        return Activity("invoke", Guid.NewGuid().ToString(), a =>
        {
            a["name"] = "adaptiveCard/action";
            a["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "checkin.vote", ["data"] = data } };
        });
    }

    public async Task<HttpResponseMessage> PostAsync(JsonObject activity, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return await client.SendAsync(request, cancellationToken);
    }

    /// <summary>Installs the bot in the team and posts a check-in; returns its id and input ids, read from the stub Connector.</summary>
    public async Task<(string CheckInId, IReadOnlyList<string> Inputs)> StartCheckInAsync(CancellationToken cancellationToken)
    {
        var leader = Guid.NewGuid().ToString();
        using (var install = await PostAsync(Activity("installationUpdate", leader, a => a["action"] = "add"), cancellationToken))
        {
            EnsureOk(install);
        }

        using (var command = await PostAsync(Activity("message", leader, a => a["text"] = "checkin"), cancellationToken))
        {
            EnsureOk(command);
        }

        var posted = await environment.Connector.WaitForRequestAsync(
            r => r.Method == "POST" && r.ConversationId == ChannelId && r.BodyText.Contains("checkin.vote", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        var card = posted.Body!["attachments"]![0]!["content"]!;
        var nodes = Flatten(card).OfType<JsonObject>().ToList();
        var checkInId = nodes.Where(o => (string?)o["type"] == "Action.Execute").Select(o => (string?)o["data"]?["checkInId"]).First(v => v is not null)!;
        var inputs = nodes.Where(o => (string?)o["type"] == "Input.ChoiceSet").Select(o => (string)o["id"]!).ToList();
        return (checkInId, inputs);
    }

    private static void EnsureOk(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The bot answered {(int)response.StatusCode} while setting up the benchmark.");
        }
    }

    private static IEnumerable<JsonNode> Flatten(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node is JsonObject o ? o.Select(p => p.Value) : node is JsonArray a ? a : [];
        foreach (var child in children.OfType<JsonNode>().SelectMany(Flatten))
        {
            yield return child;
        }
    }
}
