using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Benchmarks.Load;
using TrustBot.Core.Delivery;
using TrustBot.Core.Help;
using TrustBot.Testing.Connector;

namespace TrustBot.Benchmarks.Scenarios;

/// <summary>
/// N people of one tenant, each in their own 1:1 chat with the bot, send a signed <c>help</c> message to a running host
/// whose Connector is <paramref name="connector"/>; the round times every inbound request and reads back from the
/// stand-in when each reply arrived.
/// </summary>
internal sealed class ReplyRound(
    IServiceProvider services, HttpClient client, Uri hostAddress, BenchmarkEnvironment environment, TeamsLimitedConnector connector, int count)
{
    private static readonly TimeProvider Clock = TimeProvider.System;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    private readonly string _tenantId = Guid.NewGuid().ToString();
    private readonly string[] _userIds = Enumerable.Range(0, count)
        .Select(i => "29:reply-" + i.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8])
        .ToArray();

    /// <summary>
    /// Sends every message, all at once when <paramref name="inFlight"/> is null, else with at most that many in flight;
    /// then waits for every reply (or the timeout), and a few seconds more so that late duplicates show.
    /// </summary>
    public async Task<ReplyFigures> RunAsync(int? inFlight, CancellationToken cancellationToken)
    {
        // One channel token for the round, as the Bot Connector reuses one for up to an hour.
        var token = environment.Issuer.CreateToken(BenchmarkEnvironment.AppId, connector.ServiceUrl);
        var endpoint = new Uri(hostAddress, "/api/messages");
        var sends = _userIds.Select(userId => Send(endpoint, token, Help(userId).ToJsonString(), cancellationToken)).ToList();
        var baseline = ConnectorCounts.Of(connector);
        using var storage = new StorageRequestCounter(environment.Azurite.TableEndpoint, environment.Azurite.QueueEndpoint);

        var start = Clock.GetUtcNow();
        var inbound = inFlight is { } bound ? await BoundedLoad.RunAsync(sends, bound) : await Burst.RunAsync(sends);
        var minimum = TimeSpan.FromSeconds(count / (double)FanOutFigures.AppLimitPerSecond);
        var completed = true;
        try
        {
            await connector.WaitForDeliveredAsync(baseline.Delivered + count, minimum * 5 + TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch (TimeoutException)
        {
            completed = false;
        }

        var counted = storage.Read();
        await Task.Delay(Settle, Clock, cancellationToken);
        return await FiguresAsync(start, baseline, inbound.Stats, completed, counted, cancellationToken);
    }

    private async Task<ReplyFigures> FiguresAsync(
        DateTimeOffset start, ConnectorCounts baseline, LatencyStats inbound, bool completed, StorageRequests storage, CancellationToken cancellationToken)
    {
        var firstReplies = new List<DateTimeOffset>(count);
        var duplicates = 0;
        foreach (var userId in _userIds)
        {
            var replies = connector.DeliveredTo(TeamsLimitedConnector.PersonalConversationId(userId)).Where(d => d.Summary == HelpCard.Summary).ToList();
            duplicates += Math.Max(0, replies.Count - 1);
            if (replies.Count > 0)
            {
                firstReplies.Add(replies.Min(d => d.ReceivedAt));
            }
        }

        var losses = count - firstReplies.Count;
        var deadLetters = await services.GetRequiredService<IDeadLetterLog>().CountSinceAsync(start, cancellationToken);
        return new ReplyFigures(
            count,
            inbound,
            completed && losses == 0 ? firstReplies.Max() - start : null,
            firstReplies.Count > 0 ? firstReplies.Min() - start : null,
            duplicates,
            losses,
            ConnectorCounts.Of(connector).Throttled - baseline.Throttled,
            deadLetters,
            storage);
    }

    private Func<Task<bool>> Send(Uri endpoint, string token, string body, CancellationToken cancellationToken) => async () =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, cancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    };

    // A message in the person's 1:1 chat, shaped as Teams sends it; the chat id is the one the stand-in files replies under.
    private JsonObject Help(string userId) => new()
    {
        ["type"] = "message",
        ["id"] = "1" + Guid.NewGuid().ToString("N")[..12],
        ["serviceUrl"] = connector.ServiceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = userId, ["aadObjectId"] = Guid.NewGuid().ToString(), ["name"] = "Benchmark person" },
        ["recipient"] = new JsonObject { ["id"] = "28:" + BenchmarkEnvironment.AppId },
        ["conversation"] = new JsonObject
        {
            ["id"] = TeamsLimitedConnector.PersonalConversationId(userId),
            ["conversationType"] = "personal",
            ["tenantId"] = _tenantId,
        },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = _tenantId } },
        ["locale"] = "en-US",
        ["text"] = "help",
    };
}
