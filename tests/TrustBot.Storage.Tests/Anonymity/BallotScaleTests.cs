using System.Globalization;
using Azure.Data.Tables;
using TrustBot.Core.Anonymity;
using TrustBot.Storage.Anonymity;
using static TrustBot.Storage.Tests.Anonymity.BallotRowInspector;

namespace TrustBot.Storage.Tests.Anonymity;

/// <summary>
/// Counters follow each statement's scale: a 2-point statement folds into A1..A2 and reads back as two counts beside a
/// 7-point one, answers past a statement's points are refused, and rows and ballots from before scales had kinds
/// (A1..A7, no points in the message) read and fold exactly as they did.
/// </summary>
[Collection(BallotFoldAzurite.Name)]
public sealed class BallotScaleTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string Box = "5d1e2f3a4b6c7d8e";

    private BallotTestRig _rig = null!;

    public async Task InitializeAsync() => _rig = await BallotTestRig.CreateAsync(azurite);

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task Fold_TwoPointStatementBesideASevenPointOne_KeepsTwoAndSevenCounters()
    {
        var terms = Terms(("ps-risk", 7), ("t-retro", 2));
        await CastAsync(Hash("a"), terms, ("ps-risk", 2), ("t-retro", 2));
        await CastAsync(Hash("b"), terms, ("ps-risk", 5), ("t-retro", 1));
        await CastAsync(Hash("c"), terms, ("ps-risk", 2), ("t-retro", 2));

        var tally = await _rig.FoldUntilAsync(Tenant, Box, 3);

        Assert.Equal([1, 2], tally.Counts["t-retro"]);
        Assert.Equal([0, 2, 0, 0, 1, 0, 0], tally.Counts["ps-risk"]);
        var rows = await ReadAllAsync(_rig.Ballots);
        Assert.Equal(["A1", "A2"], AnswerColumnsOf(rows, "c-t-retro"));
        Assert.Equal(["A1", "A2", "A3", "A4", "A5", "A6", "A7"], AnswerColumnsOf(rows, "c-ps-risk"));
        AssertAnonymous(rows, [Hash("a"), Hash("b"), Hash("c")]);
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(2, 0)]
    [InlineData(11, 1)]
    public async Task CastAsync_AnswerPastItsStatementsPoints_ThrowsAndWritesNothing(int points, int answer)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => CastAsync(Hash("a"), Terms(("t-retro", points)), ("t-retro", answer)));

        Assert.Empty(await ReadAllAsync(_rig.Ballots));
        Assert.Equal(0, await _rig.PendingCountAsync());
    }

    [Fact]
    public async Task Fold_ABallotFromBeforeScales_FoldsIntoTheStoredSevenCounters()
    {
        // A counter row and a waiting ballot exactly as the previous version wrote them: A1..A7, and no points.
        var partition = BallotRows.Partition(Tenant, Box);
        await _rig.Ballots.AddEntityAsync(new TableEntity(partition, "p-" + Hash("old")));
        await _rig.Ballots.AddEntityAsync(new TableEntity(partition, "p-" + Hash("new")));
        await _rig.Ballots.AddEntityAsync(new TableEntity(partition, "c-_replies") { ["Count"] = 1 });
        var legacy = new TableEntity(partition, "c-ps-risk");
        for (var answer = 1; answer <= 7; answer++)
        {
            legacy["A" + answer.ToString(CultureInfo.InvariantCulture)] = answer == 6 ? 1 : 0;
        }

        await _rig.Ballots.AddEntityAsync(legacy);
        var before = await _rig.Box.GetTallyAsync(Tenant, Box, CancellationToken.None);
        Assert.Equal([0, 0, 0, 0, 0, 1, 0], before.Counts["ps-risk"]);
        var closesAt = DateTimeOffset.UtcNow.AddHours(1).ToString("O", CultureInfo.InvariantCulture);
        await _rig.Pending.Client.SendMessageAsync(
            $$$"""{"ballotId":"b0","tenantId":"{{{Tenant}}}","ballotBoxId":"{{{Box}}}","minGroup":1,"closesAt":"{{{closesAt}}}","answers":{"ps-risk":7}}""");

        var tally = await _rig.FoldUntilAsync(Tenant, Box, 2);

        Assert.Equal([0, 0, 0, 0, 0, 1, 1], tally.Counts["ps-risk"]);
    }

    private static BallotTerms Terms(params (string Statement, int Points)[] points) =>
        new(3, DateTimeOffset.UtcNow.AddHours(1)) { Points = points.ToDictionary(p => p.Statement, p => p.Points, StringComparer.Ordinal) };

    private static List<string> AnswerColumnsOf(List<TableEntity> rows, string rowKey) =>
        [.. rows.Single(row => row.RowKey == rowKey).Keys.Where(column => column.StartsWith('A')).Order(StringComparer.Ordinal)];

    private Task<BallotOutcome> CastAsync(string hash, BallotTerms terms, params (string Statement, int Answer)[] answers) =>
        _rig.Box.CastAsync(Tenant, Box, hash, answers.ToDictionary(a => a.Statement, a => a.Answer), terms, CancellationToken.None);
}
