using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Installations;
using TrustBot.Core.Questions;
using TrustBot.Core.Scheduling;
using TrustBot.Core.SpeakUp;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Tests.Retention;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableRetentionStoreTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string TenantA = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string TenantB = "0c3a1e55-4b7d-4f4e-9d0a-5b6c7d8e9f10";
    private static readonly CancellationToken None = CancellationToken.None;

    private RetentionTestStorage _storage = null!;

    public async Task InitializeAsync() => _storage = await RetentionTestStorage.CreateAsync(azurite);

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task Sweep_NotesPastMaxAge_DeletesThemAndKeepsYoungerNotesAndAllAggregates()
    {
        var team = await _storage.SeedTeamAsync(TenantA, Team("a"), TimeSpan.FromDays(181), TimeSpan.FromDays(179), TimeSpan.FromDays(2));
        var other = await _storage.SeedTeamAsync(TenantB, Team("b"), TimeSpan.FromDays(400));
        var tallyBefore = await TallyAsync(team, 0);
        var rowsBefore = (await _storage.AllRowsAsync()).Count;

        var result = await _storage.Sweep().RunAsync(None);

        Assert.Equal(2, result.NotesDeleted);
        Assert.Equal(0, result.TeamsErased);
        Assert.Equal(NotesInOrder(team, 1, 2), (await NotesAsync(team)).Select(n => n.NoteId).Order(StringComparer.Ordinal).ToList());
        Assert.Empty(await NotesAsync(other));
        Assert.Equal(rowsBefore - 2, (await _storage.AllRowsAsync()).Count);
        Assert.Equal(tallyBefore.Replies, (await TallyAsync(team, 0)).Replies);
        Assert.Equal(3, tallyBefore.Replies);
        Assert.NotNull(await _storage.Get<ICheckInStore>().GetAsync(TenantA, team.ItemIds[0], None));
    }

    [Fact]
    public async Task Sweep_PartitionWithMoreOldNotesThanOneBatch_DeletesThemAll()
    {
        var ages = Enumerable.Repeat(TimeSpan.FromDays(200), 130).Append(TimeSpan.FromDays(1)).ToArray();
        var team = await _storage.SeedTeamAsync(TenantA, Team("a"), ages);

        var deleted = await _storage.Retention.DeleteNotesStoredBeforeAsync(_storage.Clock.GetUtcNow() - TimeSpan.FromDays(180), None);

        Assert.Equal(130, deleted);
        Assert.Equal(team.NoteIds[^1], Assert.Single(await NotesAsync(team)).NoteId);
    }

    [Fact]
    public async Task Sweep_TeamRemoved31DaysAgo_ErasesEveryRowOfItAndLeavesOtherTeamsAndTenantsUntouched()
    {
        var erased = await _storage.SeedTeamAsync(TenantA, Team("gone"), TimeSpan.FromDays(5));
        var recent = await _storage.SeedTeamAsync(TenantA, Team("recent"), TimeSpan.FromDays(5));
        var otherTenant = await _storage.SeedTeamAsync(TenantB, Team("other"), TimeSpan.FromDays(5));
        // The same team id in another tenant is another team: tenant B's twin of the erased team must stay.
        var twin = await _storage.SeedTeamAsync(TenantB, erased.TeamKey, TimeSpan.FromDays(5));
        var now = _storage.Clock.GetUtcNow();
        await _storage.Installations.MarkRemovedAsync(TenantA, erased.TeamKey, now - TimeSpan.FromDays(31), None);
        await _storage.Installations.MarkRemovedAsync(TenantA, recent.TeamKey, now - TimeSpan.FromDays(29), None);
        Assert.NotEmpty(await _storage.RowsOfAsync(erased));
        var recentRows = await _storage.RowsOfAsync(recent);
        var otherRows = await _storage.RowsOfAsync(otherTenant);
        var allBefore = await _storage.AllRowsAsync();
        var twinRowsBefore = allBefore.Count(r => InTenantB(r.Row));

        var result = await _storage.Sweep().RunAsync(None);

        Assert.Equal(new(0, 1, 0), result);
        Assert.DoesNotContain(await _storage.RowsOfAsync(erased), row => !IsTenant(row, TenantB));
        Assert.Null(await _storage.Installations.GetAsync(TenantA, erased.TeamKey, None));
        Assert.Equal(recentRows, await _storage.RowsOfAsync(recent));
        Assert.Equal(otherRows, await _storage.RowsOfAsync(otherTenant));
        var allAfter = await _storage.AllRowsAsync();
        Assert.Equal(twinRowsBefore, allAfter.Count(r => InTenantB(r.Row)));
        Assert.Equal(InstallationStatus.Active, (await _storage.Installations.GetAsync(TenantB, twin.TeamKey, None))!.Status);
        Assert.Equal(3, (await _storage.Get<IBallotBox>().GetTallyAsync(TenantB, twin.ItemIds[0], None)).Replies);
    }

    [Fact]
    public async Task EraseTeamAsync_RemovedTeam_DeletesFromEveryTableItHadRowsIn()
    {
        var team = await _storage.SeedTeamAsync(TenantA, Team("gone"), TimeSpan.FromDays(5));
        var removedAt = _storage.Clock.GetUtcNow();
        await _storage.Installations.MarkRemovedAsync(TenantA, team.TeamKey, removedAt, None);
        var tablesBefore = (await _storage.RowsOfAsync(team)).Select(row => row[..row.IndexOf(':', StringComparison.Ordinal)]).ToHashSet();

        var erasure = await _storage.Retention.EraseTeamAsync(TenantA, team.TeamKey, removedAt, None);

        Assert.True(erasure.Erased);
        Assert.Empty(await _storage.RowsOfAsync(team));
        // Every table but the queues' own: a team leaves rows in all of them. The send schedule is the tenant's, not a
        // team's, and holds no more than an instant; retention deletes it a day after its last slot.
        Assert.Equal(TableNames.All.Except([TableNames.SendBudgets]).Order(StringComparer.Ordinal), tablesBefore.Order(StringComparer.Ordinal));
        Assert.Equal(tablesBefore.Order(StringComparer.Ordinal), erasure.Deleted.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, erasure.Deleted[TableNames.Installations]);
        Assert.Equal(2, erasure.Deleted[TableNames.Leaders]);
        // Two check-ins, the marker naming the open one, and one speak-up session.
        Assert.Equal(4, erasure.Deleted[TableNames.CheckIns] + erasure.Deleted[TableNames.SpeakUpSessions]);
    }

    [Fact]
    public async Task Sweep_TeamReinstalledWithinGracePeriod_IsNotErasedAndKeepsItsSettings()
    {
        var team = await _storage.SeedTeamAsync(TenantA, Team("back"), TimeSpan.FromDays(5));
        var chosen = new TeamSettings(team.TeamKey, TeamSchedule.Default("Europe/Berlin") with { Day = DayOfWeek.Thursday }, QuestionSet.Trust, 7, true);
        await _storage.Installations.UpdateSettingsAsync(TenantA, team.TeamKey, chosen, _storage.Clock.GetUtcNow(), None);
        await _storage.Installations.MarkRemovedAsync(TenantA, team.TeamKey, _storage.Clock.GetUtcNow(), None);
        _storage.Clock.Advance(TimeSpan.FromDays(20));
        var reinstall = (await _storage.Installations.GetAsync(TenantA, team.TeamKey, None))! with { UpdatedAt = _storage.Clock.GetUtcNow() };
        Assert.True(await _storage.Installations.ActivateAsync(reinstall, None));
        var rowsBefore = await _storage.RowsOfAsync(team);
        _storage.Clock.Advance(TimeSpan.FromDays(40));

        var result = await _storage.Sweep().RunAsync(None);

        Assert.Equal(0, result.TeamsErased);
        // 60 days on, the team's leases, idempotency records, dead letters and launch counters are past their own ages, whoever owns them.
        Assert.Equal(WithoutOperationalRows(rowsBefore), await _storage.RowsOfAsync(team));
        var kept = (await _storage.Installations.GetAsync(TenantA, team.TeamKey, None))!;
        Assert.Equal(InstallationStatus.Active, kept.Status);
        Assert.Equal((QuestionSet.Trust, 7, true, DayOfWeek.Thursday), (kept.QuestionSet, kept.AnonymityThreshold, kept.ShareNotesInChannel, kept.Schedule!.Day));
    }

    [Fact]
    public async Task EraseTeamAsync_ReinstalledBetweenListingAndErasing_ErasesNothing()
    {
        var team = await _storage.SeedTeamAsync(TenantA, Team("race"), TimeSpan.FromDays(5));
        await _storage.Installations.MarkRemovedAsync(TenantA, team.TeamKey, _storage.Clock.GetUtcNow() - TimeSpan.FromDays(40), None);
        var cutoff = _storage.Clock.GetUtcNow() - TimeSpan.FromDays(30);
        var listed = Assert.Single(await _storage.Retention.ListRemovedBeforeAsync(cutoff, None));
        Assert.Equal((TenantA, team.TeamKey), (listed.TenantId, listed.Key));
        var rowsBefore = await _storage.RowsOfAsync(team);
        var reinstall = (await _storage.Installations.GetAsync(TenantA, team.TeamKey, None))! with { UpdatedAt = _storage.Clock.GetUtcNow() };
        await _storage.Installations.ActivateAsync(reinstall, None);

        var erasure = await _storage.Retention.EraseTeamAsync(listed.TenantId, listed.Key, cutoff, None);

        Assert.False(erasure.Erased);
        Assert.Equal(0, erasure.Total);
        Assert.Equal(rowsBefore, await _storage.RowsOfAsync(team));
    }

    [Fact]
    public async Task EraseTeamAsync_RemovedAfterTheCutoff_ErasesNothing()
    {
        var team = await _storage.SeedTeamAsync(TenantA, Team("late"));
        var removedAt = _storage.Clock.GetUtcNow();
        await _storage.Installations.MarkRemovedAsync(TenantA, team.TeamKey, removedAt, None);

        var erasure = await _storage.Retention.EraseTeamAsync(TenantA, team.TeamKey, removedAt - TimeSpan.FromSeconds(1), None);

        Assert.Equal(TeamErasureNone, (erasure.Erased, erasure.Total));
        Assert.NotNull(await _storage.Installations.GetAsync(TenantA, team.TeamKey, None));
    }

    [Fact]
    public async Task ListRemovedBeforeAsync_ListsOnlyRemovedInstallationsAtOrBeforeTheCutoff_AcrossTenants()
    {
        var now = _storage.Clock.GetUtcNow();
        var cutoff = now - TimeSpan.FromDays(30);
        foreach (var (tenant, name, removedAt) in new (string, string, DateTimeOffset?)[]
        {
            (TenantA, "old", now - TimeSpan.FromDays(45)),
            (TenantB, "exact", cutoff),
            (TenantA, "young", now - TimeSpan.FromDays(29)),
            (TenantB, "active", null),
        })
        {
            await _storage.SeedTeamAsync(tenant, Team(name));
            if (removedAt is { } at)
            {
                await _storage.Installations.MarkRemovedAsync(tenant, Team(name), at, None);
            }
        }

        var listed = await _storage.Retention.ListRemovedBeforeAsync(cutoff, None);

        Assert.Equal(
            [(TenantB, Team("exact")), (TenantA, Team("old"))],
            listed.Select(r => (r.TenantId, r.Key)).OrderBy(r => r.Key, StringComparer.Ordinal).ToList());
    }

    private static readonly (bool, int) TeamErasureNone = (false, 0);

    private static bool InTenantB(Azure.Data.Tables.TableEntity row) =>
        row.PartitionKey.Contains(TenantB, StringComparison.Ordinal) || row.RowKey.Contains(TenantB, StringComparison.Ordinal);

    private static string Team(string name) => $"19:{name}team@thread.tacv2";

    private static bool IsTenant(string row, string tenant) => row.Contains(tenant, StringComparison.Ordinal);

    private static List<string> NotesInOrder(SeededTeam team, params int[] indexes) => indexes.Select(i => team.NoteIds[i]).Order(StringComparer.Ordinal).ToList();

    private async Task<List<Note>> NotesAsync(SeededTeam team)
    {
        var notes = new List<Note>();
        await foreach (var note in _storage.Get<ISpeakUpStore>().ListNotesAsync(team.TenantId, team.SessionId, None))
        {
            notes.Add(note);
        }

        return notes;
    }

    private Task<Tally> TallyAsync(SeededTeam team, int item) => _storage.Get<IBallotBox>().GetTallyAsync(team.TenantId, team.ItemIds[item], None);

    private static List<string> WithoutOperationalRows(List<string> rows) =>
        [.. rows.Where(row => !row.StartsWith(TableNames.Leases + ":", StringComparison.Ordinal)
            && !row.StartsWith(TableNames.Idempotency + ":", StringComparison.Ordinal)
            && !row.StartsWith(TableNames.DeadLetters + ":", StringComparison.Ordinal)
            && !row.StartsWith(TableNames.LaunchCounts + ":", StringComparison.Ordinal))];
}
