using Azure;
using Azure.Data.Tables;
using TrustBot.Core.SpeakUp;
using TrustBot.Storage.SpeakUp;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Tests.SpeakUp;

/// <summary>
/// Releasing notes in groups against the real emulator: a group is released whole or not at all, only on the record
/// version it was read at, and what it stores tells nothing about the order notes were written in.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class NoteReleaseStoreTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string Team = "19:team@thread.tacv2";
    private static readonly DateTimeOffset T0 = new(2025, 3, 4, 9, 15, 30, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private SpeakUpTestStorage _storage = null!;
    private TableSpeakUpStore _store = null!;

    public async Task InitializeAsync()
    {
        _storage = await SpeakUpTestStorage.CreateAsync(azurite);
        _store = _storage.NewStore();
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task GetReleaseStateAsync_NothingReleasedYet_HoldsEveryNoteWithNoRecord()
    {
        var ids = await StoreNotesAsync(4);

        var state = await _store.GetReleaseStateAsync(Tenant, "s-1", None);

        Assert.Equal(ids.Order(StringComparer.Ordinal), state.HeldNoteIds.Order(StringComparer.Ordinal));
        Assert.Equal((0, 0, NotePosting.None, (string?)null), (state.Releases, state.ReleasedCount, state.Posting, state.Version));
    }

    [Fact]
    public async Task CommitReleaseAsync_Group_ReleasesExactlyItsNotesUnderOneNumberAndTime()
    {
        var ids = await StoreNotesAsync(5);
        var at = T0.AddHours(2).AddTicks(1234567);

        Assert.True(await CommitAsync(await StateAsync(), ids[..3], at));

        var notes = await _store.ListNotesAsync(Tenant, "s-1", None).ToListAsync();
        Assert.Equal(5, notes.Count);
        Assert.Equal(ids[..3].Order(StringComparer.Ordinal), notes.Where(n => n.IsReleased).Select(n => n.NoteId).Order(StringComparer.Ordinal));
        Assert.All(notes.Where(n => n.IsReleased), n => Assert.Equal((1, at), (n.Release!.Value, n.ReleasedAt!.Value)));
        Assert.All(notes.Where(n => !n.IsReleased), n => Assert.Null(n.ReleasedAt));
        var state = await StateAsync();
        Assert.Equal((1, 3), (state.Releases, state.ReleasedCount));
    }

    [Fact]
    public async Task CommitReleaseAsync_SecondGroup_TakesTheNextNumber()
    {
        var ids = await StoreNotesAsync(6);
        Assert.True(await CommitAsync(await StateAsync(), ids[..3], T0));

        Assert.True(await CommitAsync(await StateAsync(), ids[3..], T0.AddMinutes(10)));

        var notes = await _store.ListNotesAsync(Tenant, "s-1", None).ToListAsync();
        Assert.Equal([1, 1, 1, 2, 2, 2], notes.Select(n => n.Release!.Value).Order());
    }

    [Fact]
    public async Task CommitReleaseAsync_StateReadBeforeAnotherRelease_IsRefusedAndChangesNothing()
    {
        var ids = await StoreNotesAsync(6);
        var seen = await StateAsync();
        Assert.True(await CommitAsync(seen, ids[..3], T0));

        Assert.False(await CommitAsync(seen, ids[3..], T0.AddMinutes(1)));

        var state = await StateAsync();
        Assert.Equal((1, 3), (state.Releases, state.ReleasedCount));
        Assert.Equal(ids[3..].Order(StringComparer.Ordinal), state.HeldNoteIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CommitReleaseAsync_ManyInstancesFromTheSameState_ExactlyOneGroupIsReleased()
    {
        var ids = await StoreNotesAsync(12);
        var seen = await StateAsync();
        var groups = Enumerable.Range(0, 4).Select(i => ids[(i * 3)..((i * 3) + 3)]).ToList();

        var won = await Task.WhenAll(groups.Select(g => CommitAsync(seen, g, T0)));

        Assert.Single(won, w => w);
        var winner = groups[Array.IndexOf(won, true)];
        var state = await StateAsync();
        Assert.Equal(1, state.Releases);
        Assert.Equal(winner.Order(StringComparer.Ordinal), state.Notes.Where(n => n.IsReleased).Select(n => n.NoteId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CommitReleaseAsync_ANoteOfTheGroupIsGone_ReleasesNoneOfIt()
    {
        var ids = await StoreNotesAsync(3);
        var seen = await StateAsync();
        await _storage.Table(TableNames.Notes).DeleteEntityAsync(NoteEntity.PartitionKeyFor(Tenant, "s-1"), ids[1], ETag.All);

        Assert.False(await CommitAsync(seen, ids, T0));

        var state = await StateAsync();
        Assert.Equal((0, 0, (string?)null), (state.Releases, state.ReleasedCount, state.Version));
    }

    [Fact]
    public async Task CommitReleaseAsync_MoreThanOneTransactionHolds_IsRefusedBeforeWriting()
    {
        var seen = NoteReleaseState.Empty(Tenant, "s-1", []);
        var ids = Enumerable.Range(0, NoteReleasePolicy.MaxGroup + 1).Select(i => $"n-{i}").ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => CommitAsync(seen, ids, T0));
    }

    [Fact]
    public async Task CommitReleaseAsync_PostingMarks_RoundTripToTheTick()
    {
        await StoreNotesAsync(1);
        var posting = new NotePosting(2, 5, new DateTimeOffset(2025, 3, 4, 9, 20, 0, TimeSpan.FromHours(1)).AddTicks(7654321));

        Assert.True(await _store.CommitReleaseAsync(await StateAsync(), new NoteReleaseUpdate(Team, [], T0, posting), None));

        var state = await StateAsync();
        Assert.Equal(posting, state.Posting);
        // The occurrence it was planned for knows nothing more; any other one knows the plan queued.
        Assert.Equal(2, state.Posting.QueuedAsOf(posting.PlannedFor!.Value));
        Assert.Equal(5, state.Posting.QueuedAsOf(posting.PlannedFor.Value.AddTicks(1)));
        Assert.Equal(0, state.Releases);
    }

    [Fact]
    public async Task SaveNoteAsync_RedeliveredAfterItsRelease_KeepsTheRelease()
    {
        var ids = await StoreNotesAsync(3);
        Assert.True(await CommitAsync(await StateAsync(), ids, T0));

        await _store.SaveNoteAsync(new Note(Tenant, Team, "s-1", ids[0], "Text 0", T0.AddMinutes(5)), None);

        Assert.All(await _store.ListNotesAsync(Tenant, "s-1", None).ToListAsync(), n => Assert.Equal(1, n.Release));
    }

    [Fact]
    public async Task StoredRows_KeyedByTheRandomNoteIds_SayNothingOfTheOrderTheNotesWereWrittenIn()
    {
        // Written one by one, a minute apart; one group; then the raw rows as a storage reader sees them.
        var ids = await StoreNotesAsync(10, spacing: TimeSpan.FromMinutes(1));
        Assert.True(await CommitAsync(await StateAsync(), ids, T0.AddHours(1)));

        var rows = await _storage.Table(TableNames.Notes).QueryAsync<TableEntity>().ToListAsync();

        var noteRows = rows.Where(r => r.RowKey != NoteReleaseEntity.RecordRowKey).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), noteRows.Select(r => r.RowKey));
        // The key order (the order a reader lists them in) is not the order they were written in.
        Assert.NotEqual(ids, noteRows.Select(r => r.RowKey));
        Assert.All(noteRows, r => Assert.Equal(["InstallationKey", "Release", "ReleasedAt", "StoredAt", "Text"], TableSpeakUpStoreTests.DataColumns(r)));
        Assert.Single(noteRows.Select(r => r.GetDateTimeOffset("ReleasedAt")).Distinct());
        Assert.Single(noteRows.Select(r => r.GetInt32("Release")).Distinct());
        var record = Assert.Single(rows, r => r.RowKey == NoteReleaseEntity.RecordRowKey);
        Assert.Equal(Team, record.GetString("InstallationKey"));
        Assert.Equal(T0.AddHours(1), record.GetDateTimeOffset("StoredAt"));
    }

    [Fact]
    public async Task ListNotesAsync_RowRepostedBeforeGroups_ReadsAsReleasedAndNotAsANewGroup()
    {
        await StoreNotesAsync(1);
        var row = Assert.Single(await _storage.Table(TableNames.Notes).QueryAsync<TableEntity>().ToListAsync());
        row["Reposted"] = true;
        await _storage.Table(TableNames.Notes).UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge);

        var note = Assert.Single(await _store.ListNotesAsync(Tenant, "s-1", None).ToListAsync());

        Assert.Equal(0, note.Release);
        Assert.Empty((await StateAsync()).HeldNoteIds);
    }

    private Task<NoteReleaseState> StateAsync() => _store.GetReleaseStateAsync(Tenant, "s-1", None);

    private Task<bool> CommitAsync(NoteReleaseState seen, IReadOnlyList<string> ids, DateTimeOffset at) =>
        _store.CommitReleaseAsync(seen, new NoteReleaseUpdate(Team, ids, at, new NotePosting(0, seen.Releases + 1, at)), None);

    /// <summary>Stores <paramref name="count"/> notes with random ids, in order; returns their ids in that order.</summary>
    private async Task<List<string>> StoreNotesAsync(int count, TimeSpan spacing = default)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid().ToString("N");
            await _store.SaveNoteAsync(new Note(Tenant, Team, "s-1", id, $"Text {i}", T0 + (spacing * i)), None);
            ids.Add(id);
        }

        return ids;
    }
}
