using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

namespace TrustBot.Storage.Tests.Anonymity;

/// <summary>Reads every row of a Ballots table and checks the anonymity contract on what is actually stored.</summary>
internal static class BallotRowInspector
{
    private static readonly HashSet<string> SystemColumns = new(StringComparer.Ordinal) { "PartitionKey", "RowKey", "Timestamp", "odata.etag" };

    // A1..An, one per point of a statement's scale, up to the storage bound of ten points.
    private static readonly HashSet<string> AnswerColumns = new(Enumerable.Range(1, 10).Select(answer => $"A{answer}"), StringComparer.Ordinal);

    /// <summary>A well-formed participation hash derived from <paramref name="seed"/>, so tests are repeatable.</summary>
    public static string Hash(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));

    public static async Task<List<TableEntity>> ReadAllAsync(TableClient table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// Participation and fold rows hold nothing but their keys; counter rows hold counts only, and no hash anywhere
    /// (not in a key, not in a value); every partition starts with the tenant.
    /// </summary>
    public static void AssertAnonymous(IEnumerable<TableEntity> rows, IReadOnlyCollection<string> hashes)
    {
        foreach (var row in rows)
        {
            var dataColumns = row.Keys.Where(column => !SystemColumns.Contains(column)).ToList();
            if (row.RowKey.StartsWith("p-", StringComparison.Ordinal))
            {
                Assert.Empty(dataColumns);
                Assert.Contains(row.RowKey[2..], hashes);
                continue;
            }

            if (row.RowKey.StartsWith("f-", StringComparison.Ordinal))
            {
                // A counted ballot's own random id: no column, nothing of a person.
                Assert.Empty(dataColumns);
                Assert.DoesNotContain(row.RowKey[2..], hashes);
                continue;
            }

            Assert.StartsWith("c-", row.RowKey, StringComparison.Ordinal);
            Assert.NotEmpty(dataColumns);
            var isReplies = row.RowKey == "c-_replies";
            Assert.All(dataColumns, column => Assert.True(
                isReplies ? column == "Count" : AnswerColumns.Contains(column),
                $"Counter row {row.RowKey} has an unexpected column {column}."));
            Assert.All(dataColumns, column => Assert.IsType<int>(row[column]));
            foreach (var hash in hashes)
            {
                Assert.DoesNotContain(hash, row.PartitionKey, StringComparison.Ordinal);
                Assert.DoesNotContain(hash, row.RowKey, StringComparison.Ordinal);
            }
        }
    }

    public static int[] Counts(params (int Answer, int Times)[] answers)
    {
        var counts = new int[7];
        foreach (var (answer, times) in answers)
        {
            counts[answer - 1] += times;
        }

        return counts;
    }
}
