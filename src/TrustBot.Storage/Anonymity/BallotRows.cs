using System.Globalization;
using Azure.Data.Tables;
using TrustBot.Core.Anonymity;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Anonymity;

/// <summary>
/// The rows of one ballot box in the Ballots table. All live in one partition, tenant | box (escaped by
/// <see cref="CompositeKey"/>), and nothing about them is derived from a person:
/// <list type="bullet">
/// <item><c>p-{hash}</c>: a participation row with no column besides its keys (someone took part, never what they answered);</item>
/// <item><c>c-{statement id}</c>: <c>A1</c>..<c>An</c>, how often each answer was given, one column per point of the statement's scale (rows from before scales had kinds hold A1..A7), and <c>c-_replies</c>: <c>Count</c>, the ballots folded;</item>
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

    // Storage's generous bound; each statement's exact range is its scale's, checked in Core when the card is read.
    public const int MaxAnswer = BallotTerms.MaxPoints;

    /// <summary>The counter columns for answers 1..<see cref="MaxAnswer"/>, named from the value: A1, A2, ….</summary>
    public static readonly string[] AnswerColumns = [.. Enumerable.Range(MinAnswer, MaxAnswer).Select(AnswerColumn)];
    public static readonly string[] KeyColumns = ["PartitionKey", "RowKey"];
    public static readonly string[] CounterColumns = [.. KeyColumns, .. AnswerColumns, CountColumn];

    public static string AnswerColumn(int answer) => "A" + answer.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The counts of a counter row, one per answer up to its highest answer column: as many as the fold wrote for the
    /// statement's scale (seven for rows written before scales had kinds).
    /// </summary>
    public static int[] CountsOf(TableEntity row)
    {
        var width = 0;
        for (var answer = MaxAnswer; answer >= MinAnswer && width == 0; answer--)
        {
            width = row.ContainsKey(AnswerColumn(answer)) ? answer : 0;
        }

        var counts = new int[width];
        for (var i = 0; i < width; i++)
        {
            counts[i] = row.GetInt32(AnswerColumns[i]) ?? 0;
        }

        return counts;
    }

    public static string Partition(string tenantId, string ballotBoxId) => CompositeKey.Join(tenantId, ballotBoxId);

    public static string CounterRowKey(string statementId) => CounterPrefix + TableKeys.Escape(statementId);

    public static string StatementOf(string counterRowKey) => TableKeys.Unescape(counterRowKey[CounterPrefix.Length..]);

    /// <summary>Rows of <paramref name="partition"/> whose key starts with <paramref name="prefix"/> (which ends in '-', and '.' follows '-').</summary>
    public static string RowsWithPrefix(string partition, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "."}");
}
