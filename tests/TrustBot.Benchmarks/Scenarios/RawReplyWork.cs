using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace TrustBot.Benchmarks.Scenarios;

/// <summary>
/// The storage work the host does on receiving one person's first <c>help</c>, issued directly with the Azure SDKs: a
/// partition query for the person's leader rows (they lead nothing, so it finds none), a point read of the 1:1 chat's
/// address, and one SendMessage of the reply into a queue. No JWT, no command, no card: what is left of the inbound
/// latency once the bot's own work is taken away, on the same Azurite.
/// </summary>
/// <remarks>
/// A table and a queue of their own, beside the host's; the message is as large as a help reply's queued send.
/// </remarks>
internal sealed class RawReplyWork(TableClient leaders, TableClient addresses, QueueClient queue, string tenantId)
{
    // The help card's queued send is a few kilobytes of card JSON.
    private static readonly string Body = new('x', 4096);

    public static async Task<RawReplyWork> CreateAsync(BenchmarkEnvironment environment, CancellationToken cancellationToken)
    {
        var tables = new TableServiceClient(environment.Azurite.ConnectionString);
        var leaders = tables.GetTableClient(environment.TablePrefix + "LeadersRaw");
        var addresses = tables.GetTableClient(environment.TablePrefix + "AddressesRaw");
        var queue = new QueueServiceClient(environment.Azurite.ConnectionString).GetQueueClient(environment.TablePrefix.ToLowerInvariant() + "replies-raw");
        await leaders.CreateIfNotExistsAsync(cancellationToken);
        await addresses.CreateIfNotExistsAsync(cancellationToken);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return new RawReplyWork(leaders, addresses, queue, Guid.NewGuid().ToString());
    }

    /// <summary>One message's storage work; false (a failure in the figures) when storage refused a call.</summary>
    public async Task<bool> ReceiveAsync(CancellationToken cancellationToken)
    {
        var person = "29:raw-" + Guid.NewGuid().ToString("N");
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenantId} and UserId eq {person}");
            await foreach (var _ in leaders.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
            }

            await addresses.GetEntityIfExistsAsync<TableEntity>(tenantId, person, cancellationToken: cancellationToken);
            await queue.SendMessageAsync(Body, cancellationToken);
            return true;
        }
        catch (RequestFailedException)
        {
            return false;
        }
    }

    /// <summary>
    /// The one write no design can leave out of the inbound request: storing the reply durably before the 200. What
    /// Azurite alone takes for it bounds how fast any acknowledgement can be on this machine.
    /// </summary>
    public async Task<bool> QueueOnlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await queue.SendMessageAsync(Body, cancellationToken);
            return true;
        }
        catch (RequestFailedException)
        {
            return false;
        }
    }
}
