using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Anonymity;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Anonymity;

/// <summary>
/// Folds the ballots that have come due in the pending queue into their boxes' counters, at least a box's k at a
/// time while it is open and the rest once it has closed; a smaller group goes back into hiding until the next fold.
/// </summary>
/// <remarks>
/// A box's group is folded in one entity group transaction: its counters (Replace conditional on the ETags just read,
/// or Add) and one <c>f-{ballot id}</c> row per ballot (Add). The messages are deleted only after it commits; if the
/// fold is cut off in between, the messages come back and the <c>f-</c> rows, read before folding, tell which
/// are counted already. A conflict on the counters means another instance folded the same box in between: read
/// again and retry. A box with no participation row left was erased, so its ballots are dropped.
/// </remarks>
internal sealed class QueueBallotFolder(
    TableServiceClient tableService,
    PendingBallotQueue pending,
    IOptions<StorageOptions> options,
    IOptions<FoldOptions> foldOptions,
    TimeProvider timeProvider,
    ILogger<QueueBallotFolder> logger) : IBallotFolder
{
    // The queue service hands out at most 32 messages per receive.
    private const int ReceiveBatch = 32;

    // Bounds one fold's work; what is left is taken by the next fold.
    private const int MaxMessagesPerFold = 5000;

    // A transaction holds at most 100 actions: the replies counter, one counter per statement, one f- row per ballot.
    private const int MaxActions = 100;

    private const int MaxAttempts = 10;

    // Received messages stay hidden from everyone else for this long while this fold works on them; a fold cut off
    // (an outage, a crash) leaves them hidden no longer than this before the next fold takes them.
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(30);

    private readonly TableClient _table = tableService.GetTableClient(options.Value.TableName(TableNames.Ballots));

    public async Task<IReadOnlyList<FoldedBallots>> FoldDueAsync(CancellationToken cancellationToken)
    {
        var due = await ReceiveDueAsync(cancellationToken);
        var folded = new List<FoldedBallots>();
        var ballots = 0;
        foreach (var box in due.GroupBy(m => (m.Ballot.TenantId, m.Ballot.BallotBoxId)))
        {
            var count = await FoldOrPostponeAsync(box.Key.TenantId, box.Key.BallotBoxId, [.. box], cancellationToken);
            if (count > 0)
            {
                folded.Add(new FoldedBallots(box.Key.TenantId, box.Key.BallotBoxId, count));
                ballots += count;
            }
        }

        if (folded.Count > 0)
        {
            logger.BallotsFolded(ballots, folded.Count);
        }

        return folded;
    }

    /// <summary>
    /// One box's fold; if it fails (storage hiccup, a box being erased), its ballots go back into hiding until the next
    /// fold time, so one box never holds up the others and none waits out the whole hold.
    /// </summary>
    private async Task<int> FoldOrPostponeAsync(string tenantId, string ballotBoxId, List<DueBallot> due, CancellationToken cancellationToken)
    {
        try
        {
            return await FoldBoxAsync(tenantId, ballotBoxId, due, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
        {
            logger.BoxFoldFailed(exception.GetType().Name);
            try
            {
                await HideAgainAsync(due, timeProvider.GetUtcNow(), cancellationToken);
            }
            catch (Exception again) when (again is not OperationCanceledException and not OutOfMemoryException)
            {
                // Their hold runs out on its own; the f- rows keep whatever was counted from being counted again.
                logger.BoxFoldFailed(again.GetType().Name);
            }

            return 0;
        }
    }

    /// <summary>Every message visible now, each parsed; an unreadable one is deleted (it cannot have come from a vote).</summary>
    private async Task<List<DueBallot>> ReceiveDueAsync(CancellationToken cancellationToken)
    {
        var due = new List<DueBallot>();
        while (due.Count < MaxMessagesPerFold)
        {
            var batch = (await pending.Client.ReceiveMessagesAsync(ReceiveBatch, Hold, cancellationToken)).Value;
            foreach (var message in batch)
            {
                if (Parse(message) is { } ballot)
                {
                    due.Add(new DueBallot(message, ballot));
                }
                else
                {
                    logger.UnreadableBallotDropped();
                    await DeleteAsync(message, cancellationToken);
                }
            }

            if (batch.Length < ReceiveBatch)
            {
                break;
            }
        }

        return due;
    }

    private async Task<int> FoldBoxAsync(string tenantId, string ballotBoxId, List<DueBallot> due, CancellationToken cancellationToken)
    {
        var partition = BallotRows.Partition(tenantId, ballotBoxId);
        var (erased, counted) = await ReadBoxAsync(partition, cancellationToken);
        if (erased)
        {
            logger.ErasedBoxBallotsDropped(due.Count);
            await DeleteAllAsync(due, cancellationToken);
            return 0;
        }

        // A ballot sent twice (a repeated send) or met again after a fold that was cut off is deleted, not counted.
        var fresh = new List<DueBallot>();
        var repeats = new List<DueBallot>();
        foreach (var ballot in due)
        {
            (counted.Add(ballot.Ballot.BallotId) ? fresh : repeats).Add(ballot);
        }

        await DeleteAllAsync(repeats, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var closed = fresh.Count > 0 && fresh.Max(b => b.Ballot.ClosesAt) <= now;
        if (fresh.Count == 0 || (!closed && fresh.Count < fresh.Max(b => b.Ballot.MinGroup)))
        {
            await HideAgainAsync(fresh, now, cancellationToken);
            return 0;
        }

        var folded = 0;
        foreach (var group in EvenGroups(fresh))
        {
            await CommitAsync(partition, group, cancellationToken);
            await DeleteAllAsync(group, cancellationToken);
            folded += group.Count;
        }

        return folded;
    }

    /// <summary>
    /// Whether the box was erased (no participation row is left; one row is enough to tell, so no more are read), and
    /// the ids of the ballots already counted.
    /// </summary>
    private async Task<(bool Erased, HashSet<string> Counted)> ReadBoxAsync(string partition, CancellationToken cancellationToken)
    {
        var erased = true;
        await foreach (var page in _table.QueryAsync<TableEntity>(
            BallotRows.RowsWithPrefix(partition, BallotRows.ParticipationPrefix), maxPerPage: 1, select: BallotRows.KeyColumns, cancellationToken: cancellationToken).AsPages())
        {
            if (page.Values.Count > 0)
            {
                erased = false;
                break;
            }

            // An empty page with a continuation can come back at a partition boundary; the next page decides.
        }

        var counted = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in _table.QueryAsync<TableEntity>(
            BallotRows.RowsWithPrefix(partition, BallotRows.FoldedPrefix), select: BallotRows.KeyColumns, cancellationToken: cancellationToken))
        {
            counted.Add(row.RowKey[BallotRows.FoldedPrefix.Length..]);
        }

        return (erased, counted);
    }

    /// <summary>
    /// Splits the ballots into as few groups as fit a transaction, of sizes differing by at most one, so that each
    /// group is as large as possible (never a small remainder that would move the published figures by a few).
    /// </summary>
    private static IEnumerable<List<DueBallot>> EvenGroups(List<DueBallot> ballots)
    {
        var statements = ballots.SelectMany(b => b.Ballot.Answers.Keys).Distinct(StringComparer.Ordinal).Count();
        var perGroup = MaxActions - 1 - statements;
        var groups = (ballots.Count + perGroup - 1) / perGroup;
        var shuffled = ballots.OrderBy(_ => Random.Shared.Next()).ToList();
        for (var i = 0; i < groups; i++)
        {
            yield return shuffled.Where((_, index) => index % groups == i).ToList();
        }
    }

    /// <summary>Adds the group to the counters and marks its ballots counted, in one transaction.</summary>
    private async Task CommitAsync(string partition, List<DueBallot> group, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var counters = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
            await foreach (var row in _table.QueryAsync<TableEntity>(
                BallotRows.RowsWithPrefix(partition, BallotRows.CounterPrefix), select: BallotRows.CounterColumns, cancellationToken: cancellationToken))
            {
                counters[row.RowKey] = row;
            }

            try
            {
                await _table.SubmitTransactionAsync(FoldActions(partition, group, counters), cancellationToken);
                return;
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 409 or 412 && attempt < MaxAttempts)
            {
                logger.FoldConflict(attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 50 * attempt)), timeProvider, cancellationToken);
            }
        }
    }

    private static List<TableTransactionAction> FoldActions(string partition, List<DueBallot> group, Dictionary<string, TableEntity> counters)
    {
        var sums = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var ballot in group.Select(b => b.Ballot))
        {
            foreach (var (statementId, answer) in ballot.Answers)
            {
                var rowKey = BallotRows.CounterRowKey(statementId);
                var points = ballot.PointsOf(statementId);
                if (!sums.TryGetValue(rowKey, out var perAnswer))
                {
                    // As many counters as the scale has points, and never fewer than the row holds (Replace drops the rest).
                    var stored = counters.TryGetValue(rowKey, out var current) ? BallotRows.CountsOf(current).Length : 0;
                    sums[rowKey] = perAnswer = new int[Math.Max(points, stored)];
                }
                else if (perAnswer.Length < points)
                {
                    Array.Resize(ref perAnswer, points);
                    sums[rowKey] = perAnswer;
                }

                perAnswer[answer - 1]++;
            }
        }

        var actions = new List<TableTransactionAction>(group.Count + sums.Count + 1)
        {
            Counter(partition, BallotRows.RepliesRowKey, counters, [BallotRows.CountColumn], [group.Count]),
        };
        actions.AddRange(sums.Select(s => Counter(partition, s.Key, counters, BallotRows.AnswerColumns[..s.Value.Length], s.Value)));
        actions.AddRange(group.Select(b => new TableTransactionAction(
            TableTransactionActionType.Add, new TableEntity(partition, BallotRows.FoldedPrefix + b.Ballot.BallotId))));
        return actions;
    }

    /// <summary>A counter row holding the read values plus <paramref name="added"/>; Replace writes every column, so it only ever holds counts.</summary>
    private static TableTransactionAction Counter(
        string partition, string rowKey, Dictionary<string, TableEntity> counters, string[] columns, int[] added)
    {
        counters.TryGetValue(rowKey, out var current);
        var row = new TableEntity(partition, rowKey);
        for (var i = 0; i < columns.Length; i++)
        {
            row[columns[i]] = (current?.GetInt32(columns[i]) ?? 0) + added[i];
        }

        return current is null
            ? new TableTransactionAction(TableTransactionActionType.Add, row)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, current.ETag);
    }

    /// <summary>Too few to fold yet: hidden again until the next fold time (or the close), keeping their order and insertion times.</summary>
    private async Task HideAgainAsync(List<DueBallot> ballots, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var interval = foldOptions.Value.FoldInterval;
        foreach (var ballot in ballots)
        {
            var hideFor = PendingBallotQueue.Hide(FoldClock.FoldableAt(now, interval, ballot.Ballot.ClosesAt) - now);
            await pending.Client.UpdateMessageAsync(ballot.Message.MessageId, ballot.Message.PopReceipt, visibilityTimeout: hideFor, cancellationToken: cancellationToken);
        }
    }

    private async Task DeleteAllAsync(List<DueBallot> ballots, CancellationToken cancellationToken)
    {
        foreach (var ballot in ballots)
        {
            await DeleteAsync(ballot.Message, cancellationToken);
        }
    }

    private async Task DeleteAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await pending.Client.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // Its hold ran out and another fold has it now; the f- row keeps it from being counted twice.
        }
    }

    private static PendingBallot? Parse(QueueMessage message)
    {
        try
        {
            var ballot = JsonSerializer.Deserialize(message.Body.ToString(), BallotQueueJsonContext.Default.PendingBallot);
            return ballot is { BallotId.Length: > 0, TenantId.Length: > 0, BallotBoxId.Length: > 0, MinGroup: > 0 }
                && ballot.AnswersFitTheirScales()
                ? ballot
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record DueBallot(QueueMessage Message, PendingBallot Ballot);
}
