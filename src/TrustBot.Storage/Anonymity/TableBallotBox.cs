using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Anonymity;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Anonymity;

/// <summary>
/// Anonymous ballots: a participation row in the Ballots table and, separately, the answers as a hidden message in the
/// pending-ballot queue, which only a fold (<see cref="QueueBallotFolder"/>) ever turns into counts (see <see cref="BallotRows"/>).
/// </summary>
/// <remarks>
/// <para>
/// Why a queue: a table row written at vote time carries that time in its Timestamp, which a storage reader can match
/// to the participation row's. A queue message hidden by a visibility timeout cannot be read, listed or peeked until
/// it becomes visible, and it becomes visible only at the next fold time (or the box's close), when the fold takes it
/// at once. So a ballot's answers are readable with a time next to them only in the seconds between its fold time and
/// the fold receiving it, and then only among every other ballot that came due at the same moment.
/// </para>
/// <para>
/// Order: the participation row is added first (a 409 means this person already voted, and nothing else is written),
/// then the ballot is sent. If the send fails the participation row is removed again, so the person can retry; the
/// vote is acknowledged only after both succeeded. A process that dies between the two leaves a participation row
/// without a ballot: that vote was never acknowledged, and its person is told they already answered.
/// </para>
/// </remarks>
internal sealed class TableBallotBox(
    TableServiceClient tableService,
    PendingBallotQueue pending,
    IOptions<StorageOptions> options,
    IOptions<FoldOptions> foldOptions,
    TimeProvider timeProvider,
    ILogger<TableBallotBox> logger) : IBallotBox
{
    private const int HashLength = 64;

    // The fold writes a box's counters and fold markers in one transaction of at most 100 actions; the markers of
    // a fold need room beside the counters, so a ballot answers at most this many statements.
    internal const int MaxStatements = 50;

    // A ballot waiting for a box that closes far ahead must outlive its wait; a day past the close is enough for the
    // fold after the close to take it, and bounds how long a ballot of an erased team can linger.
    private static readonly TimeSpan LifeAfterClose = TimeSpan.FromDays(1);

    private readonly TableClient _table = tableService.GetTableClient(options.Value.TableName(TableNames.Ballots));

    public async Task<BallotOutcome> CastAsync(
        string tenantId,
        string ballotBoxId,
        string participationHash,
        IReadOnlyDictionary<string, int> answers,
        BallotTerms terms,
        CancellationToken cancellationToken)
    {
        ValidateBox(tenantId, ballotBoxId);
        ValidateHash(participationHash);
        ArgumentNullException.ThrowIfNull(terms);
        ValidateAnswers(answers, terms);
        ArgumentOutOfRangeException.ThrowIfLessThan(terms.MinGroup, 1);

        var partition = BallotRows.Partition(tenantId, ballotBoxId);
        var participation = new TableEntity(partition, BallotRows.ParticipationPrefix + participationHash);
        try
        {
            await _table.AddEntityAsync(participation, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            // Voted before, or concurrently from a second click or device: that vote stands, this one writes nothing.
            return BallotOutcome.AlreadyCast;
        }

        var now = timeProvider.GetUtcNow();
        var hiddenFor = PendingBallotQueue.Hide(FoldClock.FoldableAt(now, foldOptions.Value.FoldInterval, terms.ClosesAt) - now);
        var ballot = new PendingBallot(Guid.NewGuid().ToString("N"), tenantId, ballotBoxId, terms.MinGroup, terms.ClosesAt, new Dictionary<string, int>(answers, StringComparer.Ordinal))
        {
            // Only the answered statements' scales, so the fold keeps as many counters as each scale has points.
            Points = answers.Keys.ToDictionary(id => id, terms.PointsOf, StringComparer.Ordinal),
        };
        var body = JsonSerializer.Serialize(ballot, BallotQueueJsonContext.Default.PendingBallot);
        var timeToLive = Max(terms.ClosesAt - now, TimeSpan.Zero) + LifeAfterClose;
        try
        {
            await pending.Client.SendMessageAsync(body, hiddenFor, timeToLive, cancellationToken);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            await WithdrawAsync(participation);
            throw;
        }

        return BallotOutcome.Counted;
    }

    public async Task<bool> HasParticipatedAsync(string tenantId, string ballotBoxId, string participationHash, CancellationToken cancellationToken)
    {
        ValidateBox(tenantId, ballotBoxId);
        ValidateHash(participationHash);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            BallotRows.Partition(tenantId, ballotBoxId),
            BallotRows.ParticipationPrefix + participationHash,
            BallotRows.KeyColumns,
            cancellationToken);
        return response.HasValue;
    }

    public async Task<int> CountParticipantsAsync(string tenantId, string ballotBoxId, CancellationToken cancellationToken)
    {
        ValidateBox(tenantId, ballotBoxId);
        var filter = BallotRows.RowsWithPrefix(BallotRows.Partition(tenantId, ballotBoxId), BallotRows.ParticipationPrefix);
        var count = 0;
        await foreach (var _ in _table.QueryAsync<TableEntity>(filter, select: BallotRows.KeyColumns, cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

    public async Task<Tally> GetTallyAsync(string tenantId, string ballotBoxId, CancellationToken cancellationToken)
    {
        ValidateBox(tenantId, ballotBoxId);
        var filter = BallotRows.RowsWithPrefix(BallotRows.Partition(tenantId, ballotBoxId), BallotRows.CounterPrefix);
        var replies = 0;
        var counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: BallotRows.CounterColumns, cancellationToken: cancellationToken))
        {
            if (row.RowKey == BallotRows.RepliesRowKey)
            {
                replies = row.GetInt32(BallotRows.CountColumn) ?? 0;
                continue;
            }

            counts[BallotRows.StatementOf(row.RowKey)] = BallotRows.CountsOf(row);
        }

        return new Tally(replies, counts);
    }

    /// <summary>Removes the participation row of a ballot that could not be stored, so its person can try again.</summary>
    private async Task WithdrawAsync(TableEntity participation)
    {
        try
        {
            await _table.DeleteEntityAsync(participation.PartitionKey, participation.RowKey, ETag.All, CancellationToken.None);
            logger.BallotWithdrawn();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            logger.BallotWithdrawFailed(exception.GetType().Name);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

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

    private static void ValidateAnswers(IReadOnlyDictionary<string, int> answers, BallotTerms terms)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count > MaxStatements)
        {
            throw new ArgumentException($"A ballot answers at most {MaxStatements} statements.", nameof(answers));
        }

        foreach (var (statementId, answer) in answers)
        {
            if (string.IsNullOrWhiteSpace(statementId) || statementId == BallotRows.RepliesId)
            {
                throw new ArgumentException($"Statement ids must be non-empty and not '{BallotRows.RepliesId}'.", nameof(answers));
            }

            // The exact range is the statement's scale's, read from the card in Core; storage holds to the points it was told.
            var points = terms.PointsOf(statementId);
            if (points is < BallotRows.MinAnswer or > BallotRows.MaxAnswer)
            {
                throw new ArgumentException($"A scale has at most {BallotRows.MaxAnswer} points.", nameof(terms));
            }

            if (answer < BallotRows.MinAnswer || answer > points)
            {
                throw new ArgumentException($"Answers are {BallotRows.MinAnswer} to the points of their statement's scale ({points}).", nameof(answers));
            }
        }
    }
}
