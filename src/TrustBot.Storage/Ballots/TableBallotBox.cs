using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Anonymity;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Ballots;

/// <summary>
/// Anonymous ballots in the Ballots table: participation rows that are only a keyed hash, and sharded answer counts,
/// written together in one entity group transaction.
/// </summary>
/// <remarks>
/// <para>
/// Keys. PartitionKey = tenant | ballot box | shard (parts escaped by <see cref="CompositeKey"/>), where the shard
/// <c>00</c>..<c>15</c> is the first hex digit of the participation hash. A transaction covers one partition, and a
/// voter's participation row and the counters that vote increments live in the same shard, so a vote stays one
/// atomic write while votes in different shards commit side by side instead of contending for one counter row.
/// </para>
/// <para>
/// Rows of a shard, and nothing else: <c>p-{hash}</c> is a participation row with no column besides its keys (it
/// says that someone took part, never what they answered); <c>c-{statement id}</c> holds <c>A1</c>..<c>A7</c>, how
/// often each answer was given in this shard; <c>c-_replies</c> holds <c>Count</c>, the participants in this shard.
/// Counter rows never carry a hash.
/// </para>
/// <para>
/// A vote reads the shard's counters, then submits: Add the participation row (a 409 there means this hash already
/// voted, and the whole transaction, counters included, is rejected) plus, per counter, Replace conditional on the
/// ETag just read, or Add when the counter does not exist yet. A 409 or 412 on a counter means another vote in the
/// shard committed in between: read again and retry after a short jittered pause.
/// </para>
/// <para>
/// The tally is one query over the PartitionKey range [tenant|box|, tenant|box|~) restricted to the counter rows
/// (RowKey in [c-, c.)); as no escaped part contains <c>|</c>, that range holds this box's 16 shards only. Azure may
/// end a page at a partition boundary; the SDK's enumeration follows the continuation, so all 16 are always summed.
/// </para>
/// </remarks>
internal sealed class TableBallotBox(
    TableServiceClient tableService,
    IOptions<StorageOptions> options,
    TimeProvider timeProvider,
    ILogger<TableBallotBox> logger) : IBallotBox
{
    private const string ParticipationPrefix = "p-";
    private const string CounterPrefix = "c-";
    // '.' is the character after '-', so [c-, c.) is exactly the rows whose key starts with "c-".
    private const string CounterRangeEnd = "c.";
    private const string RepliesId = "_replies";
    private const string RepliesRowKey = CounterPrefix + RepliesId;
    private const string CountColumn = "Count";
    private const int HashLength = 64;
    private const int MinAnswer = 1;
    private const int MaxAnswer = 7;

    // A transaction holds at most 100 actions: the participation row, the replies counter and one per statement.
    private const int MaxStatements = 98;

    // Every failed attempt means another vote in the same shard committed, so a shard that sees n simultaneous
    // votes needs at most n attempts; the jitter makes far fewer the rule (200 voters at once on Azurite: 10 at
    // worst, in shards of 12 to 20). Past this, the vote is refused loudly rather than retried without end.
    private const int MaxAttempts = 20;

    // The pause is random in [1, 5 × 2^attempt] ms, capped: colliding voters spread out further each round instead
    // of meeting again, while a single conflict (the common case) costs a few milliseconds.
    private const int JitterBaseMilliseconds = 5;
    private const int MaxJitterMilliseconds = 200;

    private static readonly string[] AnswerColumns = ["A1", "A2", "A3", "A4", "A5", "A6", "A7"];
    private static readonly string[] CountColumns = [CountColumn];
    private static readonly string[] KeyColumns = ["PartitionKey", "RowKey"];
    private static readonly string[] CounterSelect = [.. KeyColumns, .. AnswerColumns, CountColumn];

    private readonly TableClient _table = tableService.GetTableClient(options.Value.TableName(TableNames.Ballots));

    public async Task<BallotOutcome> CastAsync(
        string tenantId,
        string ballotBoxId,
        string participationHash,
        IReadOnlyDictionary<string, int> answers,
        CancellationToken cancellationToken)
    {
        ValidateBox(tenantId, ballotBoxId);
        ValidateHash(participationHash);
        ValidateAnswers(answers);

        var partitionKey = ShardPartitionKey(tenantId, ballotBoxId, participationHash);
        var participationRowKey = ParticipationPrefix + participationHash;
        for (var attempt = 1; ; attempt++)
        {
            var (participated, counters) = await ReadShardAsync(partitionKey, participationRowKey, cancellationToken);
            if (participated)
            {
                return BallotOutcome.AlreadyCast;
            }

            try
            {
                await _table.SubmitTransactionAsync(Vote(partitionKey, participationRowKey, answers, counters), cancellationToken);
                return BallotOutcome.Counted;
            }
            catch (TableTransactionFailedException exception) when (exception.Status == 409 && exception.FailedTransactionActionIndex == 0)
            {
                // The same person voted concurrently (two clicks, two devices): that vote counts, this one writes nothing.
                // The same happens if the client resent a transaction whose success response was lost: counted once either way.
                return BallotOutcome.AlreadyCast;
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 409 or 412)
            {
                if (attempt >= MaxAttempts)
                {
                    logger.BallotWriteGaveUp(attempt);
                    throw new InvalidOperationException(
                        $"The vote was not counted: {attempt} attempts in a row met concurrent votes in the same ballot box shard. " +
                        "Nothing was written; the voter can try again.",
                        exception);
                }

                logger.BallotWriteConflict(ballotBoxId, attempt);
                await Task.Delay(Jitter(attempt), timeProvider, cancellationToken);
            }
        }
    }

    public async Task<bool> HasParticipatedAsync(string tenantId, string ballotBoxId, string participationHash, CancellationToken cancellationToken)
    {
        ValidateBox(tenantId, ballotBoxId);
        ValidateHash(participationHash);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            ShardPartitionKey(tenantId, ballotBoxId, participationHash),
            ParticipationPrefix + participationHash,
            KeyColumns,
            cancellationToken);
        return response.HasValue;
    }

    public async Task<Tally> GetTallyAsync(string tenantId, string ballotBoxId, CancellationToken cancellationToken)
    {
        ValidateBox(tenantId, ballotBoxId);
        var (from, to) = ShardPartitions(tenantId, ballotBoxId);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {from} and PartitionKey lt {to} and RowKey ge {CounterPrefix} and RowKey lt {CounterRangeEnd}");

        var replies = 0;
        var counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: CounterSelect, cancellationToken: cancellationToken))
        {
            if (row.RowKey == RepliesRowKey)
            {
                replies += row.GetInt32(CountColumn) ?? 0;
                continue;
            }

            var statementId = TableKeys.Unescape(row.RowKey[CounterPrefix.Length..]);
            if (!counts.TryGetValue(statementId, out var perAnswer))
            {
                perAnswer = new int[MaxAnswer];
                counts.Add(statementId, perAnswer);
            }

            for (var i = 0; i < AnswerColumns.Length; i++)
            {
                perAnswer[i] += row.GetInt32(AnswerColumns[i]) ?? 0;
            }
        }

        return new Tally(replies, counts);
    }

    /// <summary>Whether the hash already took part, and the shard's counter rows (with their ETags), in one query.</summary>
    private async Task<(bool Participated, Dictionary<string, TableEntity> Counters)> ReadShardAsync(
        string partitionKey, string participationRowKey, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partitionKey} and ((RowKey ge {CounterPrefix} and RowKey lt {CounterRangeEnd}) or RowKey eq {participationRowKey})");
        var participated = false;
        var counters = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: CounterSelect, cancellationToken: cancellationToken))
        {
            if (row.RowKey == participationRowKey)
            {
                participated = true;
            }
            else
            {
                counters[row.RowKey] = row;
            }
        }

        return (participated, counters);
    }

    /// <summary>The transaction of one vote; the participation row comes first, so its 409 is reported at index 0.</summary>
    private static List<TableTransactionAction> Vote(
        string partitionKey, string participationRowKey, IReadOnlyDictionary<string, int> answers, Dictionary<string, TableEntity> counters)
    {
        var actions = new List<TableTransactionAction>(answers.Count + 2)
        {
            new(TableTransactionActionType.Add, new TableEntity(partitionKey, participationRowKey)),
            Increment(partitionKey, RepliesRowKey, CountColumns, CountColumn, counters),
        };

        foreach (var (statementId, answer) in answers)
        {
            var rowKey = CounterPrefix + TableKeys.Escape(statementId);
            actions.Add(Increment(partitionKey, rowKey, AnswerColumns, AnswerColumns[answer - 1], counters));
        }

        return actions;
    }

    /// <summary>
    /// A counter row holding the read values with <paramref name="column"/> one higher. Replace (not merge) writes every
    /// column, so a counter row can only ever hold its counts.
    /// </summary>
    private static TableTransactionAction Increment(
        string partitionKey, string rowKey, string[] columns, string column, Dictionary<string, TableEntity> counters)
    {
        counters.TryGetValue(rowKey, out var current);
        var row = new TableEntity(partitionKey, rowKey);
        foreach (var name in columns)
        {
            row[name] = (current?.GetInt32(name) ?? 0) + (name == column ? 1 : 0);
        }

        return current is null
            ? new TableTransactionAction(TableTransactionActionType.Add, row)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, current.ETag);
    }

    private static TimeSpan Jitter(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(1, Math.Min(JitterBaseMilliseconds << Math.Min(attempt, 10), MaxJitterMilliseconds) + 1));

    /// <summary>The PartitionKey range holding every shard of one ballot box: from (inclusive) to (exclusive).</summary>
    internal static (string From, string To) ShardPartitions(string tenantId, string ballotBoxId)
    {
        var prefix = CompositeKey.Join(tenantId, ballotBoxId) + CompositeKey.Separator;
        return (prefix, prefix + "~");
    }

    private static string ShardPartitionKey(string tenantId, string ballotBoxId, string participationHash)
    {
        var shard = participationHash[0] <= '9' ? participationHash[0] - '0' : participationHash[0] - 'a' + 10;
        return CompositeKey.Join(tenantId, ballotBoxId) + CompositeKey.Separator + shard.ToString("D2", CultureInfo.InvariantCulture);
    }

    private static void ValidateBox(string tenantId, string ballotBoxId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(ballotBoxId);
    }

    private static void ValidateHash(string participationHash)
    {
        ArgumentNullException.ThrowIfNull(participationHash);
        if (participationHash.Length != HashLength || !participationHash.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            // The value is deliberately not echoed: it may be a user id passed by mistake.
            throw new ArgumentException(
                $"A participation hash is {HashLength} lowercase hex characters (HMAC-SHA256 from ParticipationHasher).",
                nameof(participationHash));
        }
    }

    private static void ValidateAnswers(IReadOnlyDictionary<string, int> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count > MaxStatements)
        {
            throw new ArgumentException($"A ballot answers at most {MaxStatements} statements.", nameof(answers));
        }

        foreach (var (statementId, answer) in answers)
        {
            if (string.IsNullOrWhiteSpace(statementId) || statementId == RepliesId)
            {
                throw new ArgumentException($"Statement ids must be non-empty and not '{RepliesId}'.", nameof(answers));
            }

            if (answer is < MinAnswer or > MaxAnswer)
            {
                throw new ArgumentException($"Answers are {MinAnswer} to {MaxAnswer}.", nameof(answers));
            }
        }
    }
}
