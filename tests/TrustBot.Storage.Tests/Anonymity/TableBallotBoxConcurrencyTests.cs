using TrustBot.Core.Anonymity;
using static TrustBot.Storage.Tests.Anonymity.BallotRowInspector;

namespace TrustBot.Storage.Tests.Anonymity;

/// <summary>Votes racing each other, and folds racing each other.</summary>
[Collection(BallotFoldAzurite.Name)]
public sealed class TableBallotBoxConcurrencyTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string Box = "9d41e7c03a5b4f62";
    private static readonly string[] Statements = ["ps-mistakes", "ps-risk", "trust-care"];

    private BallotTestRig _rig = null!;

    public async Task InitializeAsync() => _rig = await BallotTestRig.CreateAsync(azurite);

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task CastAsync_200DistinctVotersAtOnce_CountsEveryVoteExactlyOnce()
    {
        // Closing in a few seconds: a remainder of fewer than k that a fold time split off is counted at the close.
        var terms = new BallotTerms(5, DateTimeOffset.UtcNow.AddSeconds(5));
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(voter =>
            _rig.Box.CastAsync(Tenant, Box, Hash($"voter-{voter}"), Ballot(voter), terms, CancellationToken.None)));

        Assert.All(outcomes, outcome => Assert.Equal(BallotOutcome.Counted, outcome));
        var tally = await _rig.FoldUntilAsync(Tenant, Box, 200);
        Assert.Equal(200, tally.Replies);
        foreach (var statement in Statements)
        {
            var expected = new int[7];
            for (var voter = 0; voter < 200; voter++)
            {
                expected[Ballot(voter)[statement] - 1]++;
            }

            Assert.Equal(expected, tally.Counts[statement]);
        }

        Assert.Equal(200, await _rig.Box.CountParticipantsAsync(Tenant, Box, CancellationToken.None));
        AssertAnonymous(await ReadAllAsync(_rig.Ballots), [.. Enumerable.Range(0, 200).Select(voter => Hash($"voter-{voter}"))]);
    }

    [Fact]
    public async Task CastAsync_50SimultaneousCastsOfOneHash_CountsItOnce()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(attempt =>
            _rig.Box.CastAsync(Tenant, Box, Hash("double-clicker"), Ballot(attempt), new BallotTerms(1, DateTimeOffset.UtcNow.AddHours(1)), CancellationToken.None)));

        Assert.Single(outcomes, outcome => outcome == BallotOutcome.Counted);
        Assert.Equal(1, await _rig.PendingCountAsync());
        await _rig.FoldUntilAsync(Tenant, Box, 1);
        await _rig.FoldForAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(1, (await _rig.Box.GetTallyAsync(Tenant, Box, CancellationToken.None)).Replies);
    }

    [Fact]
    public async Task FoldDueAsync_FourFoldersAtOnce_CountEveryBallotExactlyOnce()
    {
        await Task.WhenAll(Enumerable.Range(0, 60).Select(voter =>
            _rig.Box.CastAsync(Tenant, Box, Hash($"voter-{voter}"), Ballot(voter), new BallotTerms(1, DateTimeOffset.UtcNow.AddHours(1)), CancellationToken.None)));
        var folders = Enumerable.Range(0, 4).Select(_ => _rig.NewFolder()).ToList();

        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        Tally tally;
        do
        {
            await Task.WhenAll(folders.Select(folder => _rig.FoldAtNextFoldTimeAsync(folder)));
            tally = await _rig.Box.GetTallyAsync(Tenant, Box, CancellationToken.None);
        }
        while (tally.Replies < 60 && DateTimeOffset.UtcNow < deadline);

        Assert.Equal(60, tally.Replies);
        Assert.Equal(60, tally.Counts[Statements[0]].Sum());
        Assert.Equal(0, await _rig.PendingCountAsync());
        Assert.Equal(60, (await ReadAllAsync(_rig.Ballots)).Count(row => row.RowKey.StartsWith("f-", StringComparison.Ordinal)));
    }

    private static Dictionary<string, int> Ballot(int voter) => new()
    {
        [Statements[0]] = (voter % 7) + 1,
        [Statements[1]] = (voter * 3 % 7) + 1,
        [Statements[2]] = (voter / 7 % 7) + 1,
    };
}
