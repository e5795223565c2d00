using TrustBot.Core.Scheduling;
using TrustBot.Storage.Scheduling;
using TrustBot.Storage.Tests.Delivery;

namespace TrustBot.Storage.Tests.Scheduling;

/// <summary>Claiming due entries and moving them on in batches, on Azurite's entity group transactions.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableTimetableClaimTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string Team = "19:team/odd#id@thread.tacv2";
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(2);

    private DeliveryTestStorage _storage = null!;
    private TableTimetable _timetable = null!;

    public async Task InitializeAsync()
    {
        _storage = await DeliveryTestStorage.CreateAsync(azurite);
        _timetable = TableTimetableTests.NewTimetable(_storage);
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task ClaimDueAsync_MoreThanOneBatchOfATenant_ClaimsEveryDueEntryWithVersionsTheAdvanceAccepts()
    {
        await SetNudgesAsync(Tenant, 150, T0);
        await _timetable.SetAsync(new TimetableEntry(Tenant, Team, JobNames.CheckIn, T0.AddMinutes(1)), CancellationToken.None);
        var listed = await _timetable.ListDueAsync(T0, 1000, CancellationToken.None);

        var claimed = await _timetable.ClaimDueAsync(T0, 1000, "instance-a", T0 + Hold, CancellationToken.None);

        Assert.Equal(150, claimed.Count);
        Assert.All(claimed, e => Assert.DoesNotContain(listed, l => l.Job == e.Job && l.Version == e.Version));
        var moved = await _timetable.TryAdvanceAllAsync(claimed.Select(e => new TimetableAdvance(e, T0.AddDays(7))).ToList(), CancellationToken.None);
        Assert.Equal(150, moved);
        Assert.Empty(await _timetable.ListDueAsync(T0, 1000, CancellationToken.None));
        Assert.Equal(151, (await _timetable.ListDueAsync(T0.AddDays(7), 1000, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task ClaimDueAsync_HeldEntries_AreClaimedAgainOnlyOnceTheClaimRunsOut()
    {
        await SetNudgesAsync(Tenant, 3, T0);
        var first = await _timetable.ClaimDueAsync(T0, 10, "instance-a", T0 + Hold, CancellationToken.None);

        var whileHeld = await _timetable.ClaimDueAsync(T0.AddMinutes(1), 10, "instance-b", T0.AddMinutes(1) + Hold, CancellationToken.None);
        var afterwards = await _timetable.ClaimDueAsync(T0 + Hold, 10, "instance-b", T0 + Hold + Hold, CancellationToken.None);

        Assert.Equal(3, first.Count);
        Assert.Empty(whileHeld);
        Assert.Equal(3, afterwards.Count);
        // The first holder's claim was taken over, so its late advance changes nothing.
        Assert.Equal(0, await _timetable.TryAdvanceAllAsync(first.Select(e => new TimetableAdvance(e, T0.AddDays(7))).ToList(), CancellationToken.None));
        Assert.Equal(3, (await _timetable.ListDueAsync(T0, 10, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task ClaimDueAsync_TwoInstancesAtOnce_ClaimEachEntryOnce()
    {
        await SetNudgesAsync(Tenant, 40, T0);
        await SetNudgesAsync("other-tenant", 40, T0);

        var claims = await Task.WhenAll(
            _timetable.ClaimDueAsync(T0, 1000, "instance-a", T0 + Hold, CancellationToken.None),
            TableTimetableTests.NewTimetable(_storage).ClaimDueAsync(T0, 1000, "instance-b", T0 + Hold, CancellationToken.None));

        var jobs = claims.SelectMany(c => c.Select(e => e.TenantId + e.Job)).ToList();
        Assert.Equal(jobs.Count, jobs.Distinct(StringComparer.Ordinal).Count());
        // Each tenant's batch went to one of them; a batch that lost the race is listed again at the next tick.
        Assert.InRange(jobs.Count, 40, 80);
    }

    [Fact]
    public async Task TryAdvanceAllAsync_OneEntryReplannedMeanwhile_MovesTheOthersAndLeavesTheReplanAlone()
    {
        await SetNudgesAsync(Tenant, 5, T0);
        var claimed = await _timetable.ClaimDueAsync(T0, 10, "instance-a", T0 + Hold, CancellationToken.None);
        var replanned = claimed[2];
        await _timetable.SetAsync(replanned with { DueAt = T0.AddHours(3), Version = null }, CancellationToken.None);

        var moved = await _timetable.TryAdvanceAllAsync(claimed.Select(e => new TimetableAdvance(e, T0.AddDays(7))).ToList(), CancellationToken.None);

        Assert.Equal(4, moved);
        Assert.Equal(T0.AddHours(3), (await _timetable.GetAsync(Tenant, Team, replanned.Job, CancellationToken.None))!.DueAt);
        foreach (var entry in claimed.Where(e => e.Job != replanned.Job))
        {
            Assert.Equal(T0.AddDays(7), (await _timetable.GetAsync(Tenant, Team, entry.Job, CancellationToken.None))!.DueAt);
        }
    }

    [Fact]
    public async Task TryAdvanceAllAsync_RetryAndNull_GiveTheClaimUpOrDeleteTheEntry()
    {
        await SetNudgesAsync(Tenant, 4, T0);
        var claimed = await _timetable.ClaimDueAsync(T0, 10, "instance-a", T0 + Hold, CancellationToken.None);

        var moved = await _timetable.TryAdvanceAllAsync(
            [TimetableAdvance.Retry(claimed[0]), TimetableAdvance.Retry(claimed[1]), new TimetableAdvance(claimed[2], null), new TimetableAdvance(claimed[3], null)],
            CancellationToken.None);

        Assert.Equal(4, moved);
        var again = await _timetable.ClaimDueAsync(T0, 10, "instance-b", T0 + Hold, CancellationToken.None);
        Assert.Equal([claimed[0].Job, claimed[1].Job], again.Select(e => e.Job).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await _timetable.ListDueAsync(T0.AddYears(1), 10, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task SetAsync_OfAClaimedEntry_EndsTheClaim()
    {
        await SetNudgesAsync(Tenant, 1, T0);
        var claimed = Assert.Single(await _timetable.ClaimDueAsync(T0, 10, "instance-a", T0 + Hold, CancellationToken.None));

        await _timetable.SetAsync(claimed with { DueAt = T0, Version = null }, CancellationToken.None);

        Assert.Single(await _timetable.ClaimDueAsync(T0, 10, "instance-b", T0 + Hold, CancellationToken.None));
        Assert.False(await _timetable.TryAdvanceAsync(claimed, T0.AddDays(7), CancellationToken.None));
    }

    private async Task SetNudgesAsync(string tenant, int count, DateTimeOffset dueAt)
    {
        for (var i = 0; i < count; i++)
        {
            await _timetable.SetAsync(new TimetableEntry(tenant, Team, JobNames.For(JobNames.Nudge, $"29:leader-{i:D3}"), dueAt), CancellationToken.None);
        }
    }
}
