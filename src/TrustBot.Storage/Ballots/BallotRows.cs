using Azure.Data.Tables;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Ballots;

/// <summary>
/// The rows of one ballot box in the Ballots table. All live in one partition, tenant | box (escaped by
/// <see cref="CompositeKey"/>), and nothing about them is derived from a person:
/// <list type="bullet">
/// <item><c>p-{hash}</c>: a participation row with no column besides its keys (someone took part, never what they answered);</item>
/// <item><c>c-{statement id}</c>: <c>A1</c>..<c>A7</c>, how often each answer was given, and <c>c-_replies</c>: <c>Count</c>, the ballots folded;</item>
/// <item><c>f-{ballot id}</c>: a ballot that a fold has counted (by its own random id), so a fold cut off before it deleted its messages, or a send the client repeated, never counts it twice.</item>
/// </list>
/// Counter and fold rows are written only by a fold, at fold times, for several ballots at once.
/// </summary>
internal static class BallotRows
{
    public const string ParticipationPrefix = "p-";
    public const string CounterPrefix = "c-";
    public const string FoldedPrefix = "f-";
    public const string RepliesId = "_replies";
    public const string RepliesRowKey = CounterPrefix + RepliesId;
    public const string CountColumn = "Count";
    public const int MinAnswer = 1;
    public const int MaxAnswer = 7;

    public static readonly string[] AnswerColumns = ["A1", "A2", "A3", "A4", "A5", "A6", "A7"];
    public static readonly string[] KeyColumns = ["PartitionKey", "RowKey"];
    public static readonly string[] CounterColumns = [.. KeyColumns, .. AnswerColumns, CountColumn];

    public static string Partition(string tenantId, string ballotBoxId) => CompositeKey.Join(tenantId, ballotBoxId);

    public static string CounterRowKey(string statementId) => CounterPrefix + TableKeys.Escape(statementId);

    public static string StatementOf(string counterRowKey) => TableKeys.Unescape(counterRowKey[CounterPrefix.Length..]);

    /// <summary>Rows of <paramref name="partition"/> whose key starts with <paramref name="prefix"/> (which ends in '-', and '.' follows '-').</summary>
    public static string RowsWithPrefix(string partition, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "."}");
}
