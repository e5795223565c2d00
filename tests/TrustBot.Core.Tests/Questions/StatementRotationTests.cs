using TrustBot.Core.Questions;

namespace TrustBot.Core.Tests.Questions;

public sealed class StatementRotationTests
{
    private static readonly StatementCatalog Eleven = StatementCatalog.Default;

    private static readonly StatementCatalog Thirteen = StatementCatalog.Default.WithCustom(
    [
        new Statement("custom-focus", "team", "focus", false, "Focus", "We know what matters most this week."),
        new Statement("custom-pace", "team", "pace", false, "Pace", "Our pace is one we can keep up."),
    ]);

    public static TheoryData<int, int> Sizes() => new()
    {
        { 11, 1 }, { 11, 2 }, { 11, 3 }, { 13, 1 }, { 13, 2 }, { 13, 3 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Pick_EveryCycle_AsksEveryStatementWithoutDuplicatesInACheckIn(int size, int perCheckIn)
    {
        var catalog = size == 11 ? Eleven : Thirteen;
        var cycle = StatementRotation.CycleLength(catalog, perCheckIn);
        Assert.Equal((size + perCheckIn - 1) / perCheckIn, cycle);

        foreach (var team in new[] { TestIds.TeamId, "19:other@thread.tacv2", "a:chat" })
        {
            for (var c = 0; c < 4; c++)
            {
                var asked = new HashSet<string>(StringComparer.Ordinal);
                for (var n = c * cycle; n < (c + 1) * cycle; n++)
                {
                    var picked = StatementRotation.Pick(catalog, team, n, perCheckIn);
                    Assert.Equal(perCheckIn, picked.Count);
                    Assert.Equal(picked.Count, picked.Distinct(StringComparer.Ordinal).Count());
                    asked.UnionWith(picked);
                }

                Assert.Equal(catalog.Statements.Select(s => s.Id).ToHashSet(StringComparer.Ordinal), asked);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Pick_AnyWindowOfOneCycle_CoversEverything(int size, int perCheckIn)
    {
        var catalog = size == 11 ? Eleven : Thirteen;
        var cycle = StatementRotation.CycleLength(catalog, perCheckIn);

        for (var start = 0; start < 2 * cycle; start++)
        {
            var asked = Enumerable.Range(start, cycle)
                .SelectMany(n => StatementRotation.Pick(catalog, TestIds.TeamId, n, perCheckIn))
                .ToHashSet(StringComparer.Ordinal);
            Assert.Equal(size, asked.Count);
        }
    }

    [Fact]
    public void Pick_LongRun_AsksEachStatementEquallyOften()
    {
        var counts = Enumerable.Range(0, 11 * 10)
            .SelectMany(n => StatementRotation.Pick(Eleven, TestIds.TeamId, n, 3))
            .CountBy(id => id)
            .Select(pair => pair.Value)
            .ToList();

        Assert.Equal(11, counts.Count);
        Assert.All(counts, count => Assert.Equal(30, count));
    }

    [Fact]
    public void Pick_SameTeam_SameOrder()
    {
        var first = Enumerable.Range(0, 8).Select(n => string.Join(",", StatementRotation.Pick(Eleven, TestIds.TeamId, n))).ToList();
        var again = Enumerable.Range(0, 8).Select(n => string.Join(",", StatementRotation.Pick(StatementCatalog.Default, TestIds.TeamId, n))).ToList();

        Assert.Equal(first, again);
    }

    [Fact]
    public void Order_IsPinnedAcrossRunsForAFixedTeam()
    {
        // A stable hash, not string.GetHashCode: the same team must see the same order after a restart.
        var order = StatementRotation.Order(Eleven, "team-a");

        Assert.Equal(order, StatementRotation.Order(Eleven, "team-a"));
        Assert.Equal(ExpectedOrderForTeamA(), order);
    }

    [Fact]
    public void Pick_DifferentTeams_GetDifferentOrders()
    {
        var orders = Enumerable.Range(0, 20)
            .Select(i => string.Join(",", StatementRotation.Order(Eleven, $"19:team{i}@thread.tacv2")))
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(orders.Count >= 19, $"only {orders.Count} distinct orders for 20 teams");
    }

    [Fact]
    public void Order_AddingCustomStatements_KeepsTheBuiltInOnesInTheirRelativeOrder()
    {
        var before = StatementRotation.Order(Eleven, TestIds.TeamId);
        var after = StatementRotation.Order(Thirteen, TestIds.TeamId).Where(id => !id.StartsWith("custom-", StringComparison.Ordinal));

        Assert.Equal(before, after);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(9, 3)]
    [InlineData(2, 2)]
    public void Pick_PerCheckIn_IsClampedToOneToThree(int perCheckIn, int expected)
    {
        Assert.Equal(expected, StatementRotation.Pick(Eleven, TestIds.TeamId, 4, perCheckIn).Count);
    }

    [Fact]
    public void Pick_ConsecutiveCheckIns_WalkTheTeamsOrder()
    {
        var order = StatementRotation.Order(Eleven, TestIds.TeamId);

        Assert.Equal(order.Take(3), StatementRotation.Pick(Eleven, TestIds.TeamId, 0));
        Assert.Equal(order.Skip(3).Take(3), StatementRotation.Pick(Eleven, TestIds.TeamId, 1));
        Assert.Equal([order[9], order[10], order[0]], StatementRotation.Pick(Eleven, TestIds.TeamId, 3));
    }

    [Fact]
    public void Pick_HugeCheckInNumber_DoesNotOverflow()
    {
        var picked = StatementRotation.Pick(Eleven, TestIds.TeamId, int.MaxValue);

        Assert.Equal(3, picked.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Pick_NegativeCheckInNumber_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StatementRotation.Pick(Eleven, TestIds.TeamId, -1));
    }

    private static string[] ExpectedOrderForTeamA() =>
    [
        // SHA-256 of "team-a\u001f<id>", first 8 bytes big-endian, ascending; computed outside .NET.
        "ps-difference", "trust-competence", "ps-mistakes", "ps-skills", "trust-sincerity", "ps-risk",
        "ps-tough-issues", "ps-asking-help", "trust-reliability", "ps-undermining", "trust-care",
    ];
}
