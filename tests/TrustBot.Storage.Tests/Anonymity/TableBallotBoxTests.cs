using TrustBot.Core.Anonymity;
using static TrustBot.Storage.Tests.Anonymity.BallotRowInspector;

namespace TrustBot.Storage.Tests.Anonymity;

[Collection(BallotFoldAzurite.Name)]
public sealed class TableBallotBoxTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string OtherTenant = "11111111-2222-3333-4444-555555555555";
    private const string Box = "3f6c0d2a9b7e4c18";

    private BallotTestRig _rig = null!;

    private static BallotTerms OpenTerms(int k = 3) => new(k, DateTimeOffset.UtcNow.AddHours(1));

    public async Task InitializeAsync() => _rig = await BallotTestRig.CreateAsync(azurite);

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task CastAsync_ThreeBallots_CountNothingUntilAFoldThenEveryAnswerAtOnce()
    {
        Assert.Equal(BallotOutcome.Counted, await CastAsync(Hash("a"), ("ps-risk", 2), ("trust-care", 7)));
        Assert.Equal(BallotOutcome.Counted, await CastAsync(Hash("b"), ("ps-risk", 2), ("trust-care", 1)));
        Assert.Equal(BallotOutcome.Counted, await CastAsync(Hash("c"), ("ps-risk", 5), ("trust-care", 7)));

        // Nothing moves when a person votes: no counter row exists before the fold.
        var before = await _rig.Box.GetTallyAsync(Tenant, Box, CancellationToken.None);
        Assert.Equal(0, before.Replies);
        Assert.Empty(before.Counts);
        Assert.DoesNotContain(await ReadAllAsync(_rig.Ballots), row => row.RowKey.StartsWith("c-", StringComparison.Ordinal));
        Assert.Equal(3, await _rig.Box.CountParticipantsAsync(Tenant, Box, CancellationToken.None));

        var tally = await _rig.FoldUntilAsync(Tenant, Box, 3);

        Assert.Equal(3, tally.Replies);
        Assert.Equal(["ps-risk", "trust-care"], tally.Counts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Counts((2, 2), (5, 1)), tally.Counts["ps-risk"]);
        Assert.Equal(Counts((1, 1), (7, 2)), tally.Counts["trust-care"]);
        var rows = await ReadAllAsync(_rig.Ballots);
        AssertAnonymous(rows, [Hash("a"), Hash("b"), Hash("c")]);
        Assert.Single(rows.Select(row => row.PartitionKey).Distinct(StringComparer.Ordinal));
        Assert.Equal(0, await _rig.PendingCountAsync());
    }

    [Fact]
    public async Task CastAsync_HashAlreadyCast_ReturnsAlreadyCastAndWritesNothing()
    {
        await CastAsync(Hash("a"), OpenTerms(k: 2), ("ps-risk", 3));
        await CastAsync(Hash("b"), OpenTerms(k: 2), ("ps-risk", 4));
        var before = Snapshot(await ReadAllAsync(_rig.Ballots));

        var outcome = await CastAsync(Hash("a"), ("ps-risk", 6), ("ps-skills", 1));

        Assert.Equal(BallotOutcome.AlreadyCast, outcome);
        Assert.Equal(before, Snapshot(await ReadAllAsync(_rig.Ballots)));
        Assert.Equal(2, await _rig.PendingCountAsync());
        var tally = await _rig.FoldUntilAsync(Tenant, Box, 2);
        Assert.Equal(2, tally.Replies);
        Assert.Equal(Counts((3, 1), (4, 1)), tally.Counts["ps-risk"]);
        Assert.False(tally.Counts.ContainsKey("ps-skills"));
    }

    [Fact]
    public async Task CastAsync_NoAnswers_CountsTheReplyOnly()
    {
        Assert.Equal(BallotOutcome.Counted, await CastAsync(Hash("speaker"), new BallotTerms(1, DateTimeOffset.UtcNow.AddHours(1))));

        var tally = await _rig.FoldUntilAsync(Tenant, Box, 1);

        Assert.Equal(1, tally.Replies);
        Assert.Empty(tally.Counts);
        Assert.Equal(BallotOutcome.AlreadyCast, await CastAsync(Hash("speaker"), OpenTerms()));
    }

    [Fact]
    public async Task Fold_FewerThanKWhileOpen_WaitHiddenAndAreCountedAtClose()
    {
        var closesAt = DateTimeOffset.UtcNow.AddSeconds(6);
        await CastAsync(Hash("a"), new BallotTerms(3, closesAt), ("ps-risk", 1));
        await CastAsync(Hash("b"), new BallotTerms(3, closesAt), ("ps-risk", 7));

        // Fold times pass while the box is open: two ballots are fewer than k = 3, so nothing is counted.
        await _rig.FoldForAsync(TimeSpan.FromSeconds(3));
        Assert.Equal(0, (await _rig.Box.GetTallyAsync(Tenant, Box, CancellationToken.None)).Replies);
        Assert.Equal(2, await _rig.PendingCountAsync());

        var tally = await _rig.FoldUntilAsync(Tenant, Box, 2);

        Assert.True(DateTimeOffset.UtcNow >= closesAt, "The rest was folded before the close.");
        Assert.Equal(Counts((1, 1), (7, 1)), tally.Counts["ps-risk"]);
        Assert.Equal(0, await _rig.PendingCountAsync());
    }

    [Fact]
    public async Task Fold_RepeatedSendOfACountedBallot_IsDeletedNotCountedAgain()
    {
        for (var i = 0; i < 3; i++)
        {
            await CastAsync(Hash($"v{i}"), ("ps-risk", 4));
        }

        // Keep a copy of one ballot as it was sent, then send it again after it was counted, as a client's retry would.
        var peeked = await PeekAllAsync(TimeSpan.FromSeconds(5));
        await _rig.FoldUntilAsync(Tenant, Box, 3);
        await _rig.Pending.Client.SendMessageAsync(peeked[0]);
        await _rig.Pending.Client.SendMessageAsync(peeked[0]);

        await _rig.FoldForAsync(TimeSpan.FromSeconds(2));

        var tally = await _rig.Box.GetTallyAsync(Tenant, Box, CancellationToken.None);
        Assert.Equal(3, tally.Replies);
        Assert.Equal(Counts((4, 3)), tally.Counts["ps-risk"]);
        Assert.Equal(0, await _rig.PendingCountAsync());
    }

    [Fact]
    public async Task Fold_BoxErasedWhileBallotsWait_DropsThemAndWritesNoCounter()
    {
        for (var i = 0; i < 3; i++)
        {
            await CastAsync(Hash($"v{i}"), ("ps-risk", 4));
        }

        foreach (var row in await ReadAllAsync(_rig.Ballots))
        {
            await _rig.Ballots.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        await _rig.FoldForAsync(TimeSpan.FromSeconds(2));

        Assert.Empty(await ReadAllAsync(_rig.Ballots));
        Assert.Equal(0, await _rig.PendingCountAsync());
    }

    [Fact]
    public async Task CastAsync_BallotCannotBeQueued_WithdrawsParticipationSoThePersonCanRetry()
    {
        await _rig.Pending.Client.DeleteAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => CastAsync(Hash("a"), ("ps-risk", 5)));

        Assert.False(await _rig.Box.HasParticipatedAsync(Tenant, Box, Hash("a"), CancellationToken.None));
        Assert.Empty(await ReadAllAsync(_rig.Ballots));
        await _rig.Pending.Client.CreateAsync();
        Assert.Equal(BallotOutcome.Counted, await CastAsync(Hash("a"), ("ps-risk", 5)));
    }

    [Fact]
    public async Task GetTallyAsync_UnknownBox_IsEmpty()
    {
        await CastAsync(Hash("a"), ("ps-risk", 3));

        var tally = await _rig.Box.GetTallyAsync(Tenant, "no-such-box", CancellationToken.None);

        Assert.Equal(0, tally.Replies);
        Assert.Empty(tally.Counts);
        Assert.Equal(0, await _rig.Box.CountParticipantsAsync(Tenant, "no-such-box", CancellationToken.None));
    }

    [Fact]
    public async Task CastAsync_SameBoxIdAndHashInTwoTenants_KeepsThemApart()
    {
        var once = new BallotTerms(1, DateTimeOffset.UtcNow.AddHours(1));
        await CastAsync(Hash("a"), once, ("ps-risk", 1));

        Assert.False(await _rig.Box.HasParticipatedAsync(OtherTenant, Box, Hash("a"), CancellationToken.None));

        var outcome = await _rig.Box.CastAsync(OtherTenant, Box, Hash("a"), new Dictionary<string, int> { ["ps-risk"] = 7 }, once, CancellationToken.None);

        Assert.Equal(BallotOutcome.Counted, outcome);
        var mine = await _rig.FoldUntilAsync(Tenant, Box, 1);
        var theirs = await _rig.FoldUntilAsync(OtherTenant, Box, 1);
        Assert.Equal(1, mine.Replies);
        Assert.Equal(Counts((1, 1)), mine.Counts["ps-risk"]);
        Assert.Equal(1, theirs.Replies);
        Assert.Equal(Counts((7, 1)), theirs.Counts["ps-risk"]);
    }

    [Theory]
    [InlineData("a|b", "c", "a", "b|c")]
    [InlineData("t/1", "box#1", "t%2F1", "box%231")]
    [InlineData("tenant", "box", "tenant", "box|00")]
    public async Task CastAsync_IdsThatCouldShareAKeyPrefix_KeepBoxesApart(string tenantA, string boxA, string tenantB, string boxB)
    {
        var ballot = new Dictionary<string, int> { ["ps-risk"] = 4 };
        var once = new BallotTerms(1, DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal(BallotOutcome.Counted, await _rig.Box.CastAsync(tenantA, boxA, Hash("x"), ballot, once, CancellationToken.None));

        Assert.False(await _rig.Box.HasParticipatedAsync(tenantB, boxB, Hash("x"), CancellationToken.None));
        Assert.Equal(BallotOutcome.Counted, await _rig.Box.CastAsync(tenantB, boxB, Hash("x"), ballot, once, CancellationToken.None));
        Assert.Equal(1, (await _rig.FoldUntilAsync(tenantA, boxA, 1)).Replies);
        Assert.Equal(1, (await _rig.FoldUntilAsync(tenantB, boxB, 1)).Replies);
        Assert.Equal(1, await _rig.Box.CountParticipantsAsync(tenantA, boxA, CancellationToken.None));
    }

    [Fact]
    public async Task HasParticipatedAsync_BeforeAndAfterCasting_ReflectsTheParticipationRow()
    {
        Assert.False(await _rig.Box.HasParticipatedAsync(Tenant, Box, Hash("a"), CancellationToken.None));

        await CastAsync(Hash("a"), ("ps-risk", 5));

        Assert.True(await _rig.Box.HasParticipatedAsync(Tenant, Box, Hash("a"), CancellationToken.None));
        Assert.False(await _rig.Box.HasParticipatedAsync(Tenant, Box, Hash("b"), CancellationToken.None));
        Assert.False(await _rig.Box.HasParticipatedAsync(Tenant, Box + "2", Hash("a"), CancellationToken.None));
    }

    [Theory]
    [InlineData("ps-risk", 0)]
    [InlineData("ps-risk", 8)]
    [InlineData("ps-risk", -1)]
    [InlineData("", 3)]
    [InlineData("  ", 3)]
    [InlineData("_replies", 3)]
    public async Task CastAsync_InvalidAnswers_ThrowsAndWritesNothing(string statementId, int answer)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _rig.Box.CastAsync(
            Tenant, Box, Hash("a"), new Dictionary<string, int> { ["ps-skills"] = 4, [statementId] = answer }, OpenTerms(), CancellationToken.None));

        Assert.Empty(await ReadAllAsync(_rig.Ballots));
        Assert.Equal(0, await _rig.PendingCountAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("4F1D2C3B5A6E4B7C8D9E0F1A2B3C4D5E4F1D2C3B5A6E4B7C8D9E0F1A2B3C4D5E")]
    [InlineData("4f1d2c3b-5a6e-4b7c-8d9e-0f1a2b3c4d5e")]
    [InlineData("g000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000a")]
    public async Task CastAsync_MalformedHash_ThrowsWithoutEchoingItAndWritesNothing(string hash)
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(() => _rig.Box.CastAsync(
            Tenant, Box, hash, new Dictionary<string, int> { ["ps-skills"] = 4 }, OpenTerms(), CancellationToken.None));

        Assert.Equal("participationHash", exception.ParamName);
        if (hash.Length > 0)
        {
            Assert.DoesNotContain(hash, exception.Message, StringComparison.Ordinal);
        }

        await Assert.ThrowsAsync<ArgumentException>(() => _rig.Box.HasParticipatedAsync(Tenant, Box, hash, CancellationToken.None));
        Assert.Empty(await ReadAllAsync(_rig.Ballots));
        Assert.Equal(0, await _rig.PendingCountAsync());
    }

    private Task<BallotOutcome> CastAsync(string hash, params (string Statement, int Answer)[] answers) =>
        CastAsync(hash, OpenTerms(), answers);

    private Task<BallotOutcome> CastAsync(string hash, BallotTerms terms, params (string Statement, int Answer)[] answers) =>
        _rig.Box.CastAsync(Tenant, Box, hash, answers.ToDictionary(a => a.Statement, a => a.Answer), terms, CancellationToken.None);

    /// <summary>The bodies of the pending messages, read once they have come due (peeking does not take them).</summary>
    private async Task<List<string>> PeekAllAsync(TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var peeked = (await _rig.Pending.Client.PeekMessagesAsync(32)).Value;
            if (peeked.Length > 0 || DateTimeOffset.UtcNow > deadline)
            {
                return [.. peeked.Select(m => m.Body.ToString())];
            }

            await Task.Delay(100);
        }
    }

    private static List<string> Snapshot(IEnumerable<Azure.Data.Tables.TableEntity> rows) =>
        [.. rows.Select(row => $"{row.PartitionKey}/{row.RowKey}/{row.ETag}").Order(StringComparer.Ordinal)];
}
