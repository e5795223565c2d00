using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Core.Delivery;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.CheckIns;

/// <summary>
/// After a real session (votes and speak-up notes through HTTP), read every table and every queue of the storage
/// account: none of the members' ids, Entra object ids, names or e-mails may appear anywhere, and no entity may carry
/// both a participation hash and an answer.
/// </summary>
[Collection(BotHostGroup.Name)]
public sealed partial class AnonymityAuditTests(BotHostFixture host)
{
    // Counters hold one column per answer value, A1 up to A10 for the longest scale storage accepts.
    private static readonly string[] AnswerColumns = [.. Enumerable.Range(1, 10).Select(a => $"A{a}"), "Text", "Answer", "Value"];

    [Fact]
    public async Task AfterASession_NoIdentityIsStoredAnywhere_AndNoRowLinksParticipationToAnAnswer()
    {
        var teams = new TeamsActivities(host.ServiceUrl, Guid.NewGuid().ToString());
        var members = Enumerable.Range(1, 7).Select(TeamsUser.Create).ToList();
        var emails = members.Select(m => $"{m.Name.Split(' ')[0].ToLowerInvariant()}@contoso.example").ToList();
        var script = new CheckInScript(host, teams);
        await script.StartAsync();
        for (var i = 0; i < members.Count; i++)
        {
            await script.VoteAsync(members[i], value: (i % 7) + 1);
        }

        var sessionId = await StartSpeakUpAsync(teams);
        for (var i = 0; i < members.Count; i++)
        {
            var data = new JsonObject { ["sessionId"] = sessionId, ["note"] = $"Mail me at {emails[i]} or ping @{members[i].Name.Split(' ')[0]} — we skip retros." };
            (await host.PostAsync(teams.CardAction("speakup.submit", data, members[i]))).Dispose();
        }

        await WaitForQueuesToDrainAsync();
        var secrets = members.SelectMany(m => new[] { m.Id, m.AadObjectId, m.Name, m.Name.Split(' ')[0], m.Name.Split(' ')[1] }).Concat(emails).ToList();

        var rows = 0;
        var service = new TableServiceClient(host.Azurite.ConnectionString);
        await foreach (var table in service.QueryAsync())
        {
            await foreach (var entity in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                rows++;
                var values = entity.Select(p => $"{p.Key}={p.Value}").Append(entity.PartitionKey).Append(entity.RowKey).ToList();
                foreach (var secret in secrets)
                {
                    Assert.DoesNotContain(values, v => v.Contains(secret, StringComparison.OrdinalIgnoreCase));
                }

                var carriesHash = values.Any(v => ParticipationHash().IsMatch(v));
                var carriesAnswer = entity.Keys.Any(k => AnswerColumns.Contains(k, StringComparer.Ordinal));
                Assert.False(carriesHash && carriesAnswer, $"{table.Name} {entity.PartitionKey}/{entity.RowKey} holds a participation hash and an answer");
            }
        }

        var queues = new QueueServiceClient(host.Azurite.ConnectionString);
        await foreach (var queue in queues.GetQueuesAsync())
        {
            foreach (var message in (await queues.GetQueueClient(queue.Name).PeekMessagesAsync(32)).Value)
            {
                var body = message.Body.ToString();
                Assert.DoesNotContain(secrets, s => body.Contains(s, StringComparison.OrdinalIgnoreCase));
            }
        }

        Assert.True(rows > 20, $"only {rows} rows were audited");
    }

    private async Task<string> StartSpeakUpAsync(TeamsActivities teams)
    {
        (await host.PostAsync(teams.ChannelMention("speakup"))).Dispose();
        var posted = await host.Connector.WaitForRequestAsync(
            r => r.Method == "POST" && r.ConversationId == teams.SelectedChannelId && r.BodyText.Contains("speakup.submit", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        return PostedCards.ActionData(PostedCards.CardOf(posted), "sessionId")!;
    }

    private async Task WaitForQueuesToDrainAsync()
    {
        var queues = new QueueServiceClient(host.Azurite.ConnectionString);
        var outbox = host.Factory.Services.GetRequiredService<OutboxWorker>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            // The install queues the leader's introduction, which the host's own worker may not have sent yet: send it
            // now, so that what it stores is audited too.
            await outbox.DrainOnceAsync(CancellationToken.None);
            var pending = 0;
            await foreach (var queue in queues.GetQueuesAsync(QueueTraits.Metadata))
            {
                // Ballots fewer than k wait hidden there until the check-in closes; hidden, they cannot be read at all.
                if (queue.Name.EndsWith("ballots-pending", StringComparison.Ordinal))
                {
                    continue;
                }

                pending += (await queues.GetQueueClient(queue.Name).GetPropertiesAsync()).Value.ApproximateMessagesCount;
            }

            if (pending == 0)
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail("the note and outbox queues did not drain");
    }

    [GeneratedRegex("[0-9a-f]{64}")]
    private static partial Regex ParticipationHash();
}
