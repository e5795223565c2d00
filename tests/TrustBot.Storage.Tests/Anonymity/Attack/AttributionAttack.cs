using System.Text.Json.Nodes;

namespace TrustBot.Storage.Tests.Anonymity.Attack;

/// <summary>
/// Adversary A of the anonymity contract: holds a full storage dump, the service secret and every salt (so it knows
/// each member's participation hash) and the roster, and tries to say who answered what. Each strategy ties some
/// answer-bearing rows or messages to voters; a voter it ties nothing to is guessed from the published aggregate,
/// which is also the baseline every strategy must not beat.
/// </summary>
internal static class AttributionAttack
{
    // One column per answer value; storage accepts scales of up to ten points.
    private static readonly string[] AnswerColumns = [.. Enumerable.Range(1, 10).Select(a => $"A{a}")];

    // Closer than this between a participation row and an answer-bearing item counts as "written at the same time".
    private static readonly TimeSpan Nearness = TimeSpan.FromSeconds(5);

    /// <param name="dump">What storage holds at this moment.</param>
    /// <param name="voters">Every member who had voted by then: their participation hash (known to A) and, for scoring only, their real answers.</param>
    /// <param name="published">The aggregate the product shows at this moment (statement → counts of answers 1..7).</param>
    public static List<AttackReport> Run(StorageDump dump, IReadOnlyList<Voter> voters, IReadOnlyDictionary<string, int[]> published)
    {
        var items = AnswerItems(dump);
        var located = voters.Select(v => (Voter: v, Row: dump.Rows.FirstOrDefault(r => r.Row.RowKey.Contains(v.Hash, StringComparison.Ordinal))?.Row))
            .Where(v => v.Row is not null)
            .Select(v => new LocatedVoter(v.Voter, v.Row!.PartitionKey, v.Row.RowKey, v.Row.Timestamp!.Value, v.Row.ETag.ToString()))
            .ToList();

        var strategies = new Dictionary<string, Func<List<AnswerItem>, List<LocatedVoter>, Dictionary<Voter, Dictionary<string, int[]>>>>
        {
            ["same partition"] = SamePartition,
            ["equal Timestamp"] = (i, l) => ByTime(i, l, nearest: false),
            ["nearest Timestamp"] = (i, l) => ByTime(i, l, nearest: true),
            ["time order"] = (i, l) => ByOrder(i, l, item => item.Time.UtcTicks.ToString("D20", System.Globalization.CultureInfo.InvariantCulture), voter => voter.Time.UtcTicks.ToString("D20", System.Globalization.CultureInfo.InvariantCulture)),
            ["key order"] = (i, l) => ByOrder(i, l, item => item.Key, voter => voter.RowKey),
            ["ETag order"] = (i, l) => ByOrder(i, l, item => item.ETag, voter => voter.ETag),
        };

        var baselineGuess = published.ToDictionary(p => p.Key, p => Mode(p.Value), StringComparer.Ordinal);
        var baseline = Score(voters, new Dictionary<Voter, Dictionary<string, int[]>>(), baselineGuess, out _);
        return
        [
            .. strategies.Select(s =>
            {
                var success = Score(voters, s.Value(items, located), baselineGuess, out var exact);
                return new AttackReport(dump.Moment, s.Key, success, baseline, exact, voters.Count);
            }),
        ];
    }

    private static double Score(
        IReadOnlyList<Voter> voters, Dictionary<Voter, Dictionary<string, int[]>> claims, Dictionary<string, int> baselineGuess, out int exact)
    {
        var right = 0;
        var total = 0;
        exact = 0;
        foreach (var voter in voters)
        {
            claims.TryGetValue(voter, out var claim);
            var allRight = claim is not null;
            foreach (var (statement, answer) in voter.Answers)
            {
                var guess = claim is not null && claim.TryGetValue(statement, out var counts) && counts.Sum() > 0
                    ? Mode(counts)
                    : baselineGuess.GetValueOrDefault(statement, 4);
                total++;
                right += guess == answer ? 1 : 0;
                allRight &= claim is not null && claim.TryGetValue(statement, out var c) && c.Sum() == 1 && guess == answer;
            }

            exact += allRight ? 1 : 0;
        }

        return total == 0 ? 0 : (double)right / total;
    }

    /// <summary>The counts in the partition of the voter's participation row (a shard derived from the person).</summary>
    private static Dictionary<Voter, Dictionary<string, int[]>> SamePartition(List<AnswerItem> items, List<LocatedVoter> voters)
    {
        var claims = new Dictionary<Voter, Dictionary<string, int[]>>();
        foreach (var voter in voters)
        {
            var mine = items.Where(i => i.Partition == voter.Partition).ToList();
            if (mine.Count > 0)
            {
                claims[voter.Voter] = Sum(mine);
            }
        }

        return claims;
    }

    /// <summary>Items written at the same instant as a participation row, or the voter nearest in time to each item.</summary>
    private static Dictionary<Voter, Dictionary<string, int[]>> ByTime(List<AnswerItem> items, List<LocatedVoter> voters, bool nearest)
    {
        var claims = new Dictionary<Voter, List<AnswerItem>>();
        foreach (var item in items)
        {
            var match = nearest
                ? voters.Where(v => (v.Time - item.Time).Duration() <= Nearness).OrderBy(v => (v.Time - item.Time).Duration()).FirstOrDefault()
                : voters.FirstOrDefault(v => v.Time == item.Time);
            if (match is not null)
            {
                (claims.TryGetValue(match.Voter, out var list) ? list : claims[match.Voter] = []).Add(item);
            }
        }

        return claims.ToDictionary(c => c.Key, c => Sum(c.Value));
    }

    /// <summary>Single-ballot items lined up against the voters in the same order (by time, key or ETag).</summary>
    private static Dictionary<Voter, Dictionary<string, int[]>> ByOrder(
        List<AnswerItem> items, List<LocatedVoter> voters, Func<AnswerItem, string> itemOrder, Func<LocatedVoter, string> voterOrder)
    {
        var ballots = items.Where(i => i.Ballots == 1).GroupBy(i => i.Source).Select(g => g.ToList()).OrderBy(g => itemOrder(g[0]), StringComparer.Ordinal).ToList();
        var ordered = voters.OrderBy(voterOrder, StringComparer.Ordinal).ToList();
        var claims = new Dictionary<Voter, Dictionary<string, int[]>>();
        for (var i = 0; i < Math.Min(ballots.Count, ordered.Count); i++)
        {
            claims[ordered[i].Voter] = Sum(ballots[i]);
        }

        return claims;
    }

    /// <summary>Every row with answer columns and every readable message carrying answers, one item per statement.</summary>
    private static List<AnswerItem> AnswerItems(StorageDump dump)
    {
        var items = new List<AnswerItem>();
        foreach (var (table, row) in dump.Rows)
        {
            if (!AnswerColumns.Any(row.ContainsKey))
            {
                continue;
            }

            var counts = AnswerColumns.Select(c => row.GetInt32(c) ?? 0).ToArray();
            var statement = row.RowKey.StartsWith("c-", StringComparison.Ordinal) ? row.RowKey[2..] : row.RowKey;
            items.Add(new AnswerItem($"{table}/{row.PartitionKey}/{row.RowKey}", row.PartitionKey, row.RowKey, row.Timestamp!.Value, row.ETag.ToString(), statement, counts));
        }

        foreach (var message in dump.Messages)
        {
            if (JsonNode.Parse(message.Body) is not JsonObject body || body["answers"] is not JsonObject answers)
            {
                continue;
            }

            foreach (var (statement, value) in answers)
            {
                var counts = new int[AnswerColumns.Length];
                counts[(int)value! - 1] = 1;
                items.Add(new AnswerItem(message.MessageId, message.Queue, message.MessageId, message.InsertedOn!.Value, message.MessageId, statement, counts));
            }
        }

        return items;
    }

    private static Dictionary<string, int[]> Sum(IEnumerable<AnswerItem> items)
    {
        var sums = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var counts = sums.TryGetValue(item.Statement, out var existing) ? existing : sums[item.Statement] = new int[AnswerColumns.Length];
            for (var i = 0; i < counts.Length; i++)
            {
                counts[i] += item.Counts[i];
            }
        }

        return sums;
    }

    /// <summary>The most frequent answer (1..7); ties go to the lower answer.</summary>
    private static int Mode(int[] counts) => Array.IndexOf(counts, counts.Max()) + 1;

    private sealed record AnswerItem(string Source, string Partition, string Key, DateTimeOffset Time, string ETag, string Statement, int[] Counts)
    {
        public int Ballots => Counts.Sum();
    }

    private sealed record LocatedVoter(Voter Voter, string Partition, string RowKey, DateTimeOffset Time, string ETag);
}

/// <summary>A member who voted: the participation hash the adversary can compute, and their answers (for scoring only).</summary>
internal sealed record Voter(string Hash, IReadOnlyDictionary<string, int> Answers);
