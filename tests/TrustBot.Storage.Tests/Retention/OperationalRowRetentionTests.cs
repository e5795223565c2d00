using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using TrustBot.Core.Delivery;
using TrustBot.Core.Launching;
using TrustBot.Storage.Launching;
using TrustBot.Storage.Retention;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Tests.Retention;

/// <summary>
/// Leases, idempotency records, dead letters, launch counters and send schedules are swept once past their documented age, and only then.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class OperationalRowRetentionTests(AzuriteServer azurite) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    private RetentionTestStorage _storage = null!;

    public async Task InitializeAsync() => _storage = await RetentionTestStorage.CreateAsync(azurite);

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task Sweep_DefaultAges_DeletesRowsPastTheirAgeAndKeepsYoungerOnes()
    {
        var leases = _storage.Get<ILeaseStore>();
        var idempotency = _storage.Get<IIdempotencyStore>();
        var deadLetters = _storage.Get<IDeadLetterLog>();
        await leases.TryAcquireAsync("old-lease", "host-1", TimeSpan.FromMinutes(2), None);
        await idempotency.TryBeginAsync("old-key", None);
        await idempotency.MarkDeadAsync("old-key", "403", None);
        await deadLetters.RecordAsync("old-key", "nudge", "403", None);

        // 29 days on: the idempotency record and dead letter are younger than 30 days; a lease that expired
        // 23 hours ago is within its day.
        _storage.Clock.Advance(TimeSpan.FromDays(29));
        await leases.TryAcquireAsync("recently-expired", "host-1", TimeSpan.FromHours(1), None);
        await idempotency.TryBeginAsync("young-key", None);
        await deadLetters.RecordAsync("young-key", "digest", "404", None);
        _storage.Clock.Advance(TimeSpan.FromDays(1));
        await leases.TryAcquireAsync("held", "host-2", TimeSpan.FromMinutes(2), None);
        _storage.Clock.Advance(TimeSpan.FromMinutes(5));

        var result = await _storage.Sweep().RunAsync(None);

        // 30 days and 5 minutes after the first rows: all three old ones are past their age.
        Assert.Equal(3, result.OperationalRowsDeleted);
        Assert.Equal(["held", "recently-expired"], await RowKeysAsync(TableNames.Leases));
        Assert.Equal(["young-key"], await RowKeysAsync(TableNames.Idempotency));
        Assert.Equal(["young-key"], await RowKeysAsync(TableNames.DeadLetters));
        Assert.Null(await idempotency.GetAsync("old-key", None));
        Assert.NotNull(await idempotency.GetAsync("young-key", None));
    }

    [Fact]
    public async Task Sweep_LeaseExpiredOverADayAgo_IsDeletedButOneExpiredLessThanADayAgoStays()
    {
        var leases = _storage.Get<ILeaseStore>();
        await leases.TryAcquireAsync("a-day-and-a-minute", "host-1", TimeSpan.FromMinutes(1), None);
        _storage.Clock.Advance(TimeSpan.FromMinutes(2));
        await leases.TryAcquireAsync("a-minute-short", "host-1", TimeSpan.FromMinutes(1), None);
        _storage.Clock.Advance(TimeSpan.FromDays(1));

        var result = await _storage.Sweep().RunAsync(None);

        Assert.Equal(1, result.OperationalRowsDeleted);
        Assert.Equal(["a-minute-short"], await RowKeysAsync(TableNames.Leases));
    }

    [Fact]
    public async Task DeleteUnchanged_LeaseRenewedBetweenTheListingAndTheDelete_Survives()
    {
        var leases = _storage.Get<ILeaseStore>();
        var renewed = await leases.TryAcquireAsync("renewed", "host-1", TimeSpan.FromMinutes(1), None);
        await leases.TryAcquireAsync("abandoned", "host-2", TimeSpan.FromMinutes(1), None);
        _storage.Clock.Advance(TimeSpan.FromDays(2));
        var table = _storage.Tables.GetTableClient(_storage.Options.TableName(TableNames.Leases));
        var cutoff = _storage.Clock.GetUtcNow() - TimeSpan.FromDays(1);
        var listed = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ExpiresAt lt {cutoff}"), select: RowDeleter.KeyColumns).ToListAsync();
        Assert.Equal(2, listed.Count);

        // The holder comes back and takes its lease again after the sweep listed it, before the sweep deletes it.
        Assert.NotNull(renewed);
        Assert.NotNull(await leases.TryAcquireAsync("renewed", "host-1", TimeSpan.FromMinutes(1), None));
        var deleted = await RowDeleter.DeleteAsync(table, listed.ToAsyncEnumerable(), NullLogger.Instance, None, matchVersion: true);

        Assert.Equal(1, deleted);
        Assert.Equal(["renewed"], await RowKeysAsync(TableNames.Leases));
        Assert.Null(await leases.TryAcquireAsync("renewed", "host-3", TimeSpan.FromMinutes(1), None));
    }

    [Fact]
    public async Task Sweep_LaunchCountersOfDaysThatEndedAWeekAgo_AreDeletedAndLaterOnesStay()
    {
        var counter = _storage.Get<ILaunchCounter>();
        var today = DateOnly.FromDateTime(_storage.Clock.GetUtcNow().UtcDateTime);
        // A team key with a '|' of its own: only the last '|' of a counter's key may be read as the one before its day.
        foreach (var daysAgo in new[] { 8, 7, 6, 0 })
        {
            Assert.True(await counter.TryReserveAsync("tenant-1", "19:a|b@thread.tacv2", today.AddDays(-daysAgo), 3, None));
        }

        Assert.True(await counter.TryReserveAsync("tenant-2", "19:other@thread.tacv2", today.AddDays(-30), 3, None));

        // At noon: the day 8 days back ended 7½ days ago and goes; the day 7 days back ended 6½ days ago and stays.
        Assert.Equal(2, (await _storage.Sweep().RunAsync(None)).OperationalRowsDeleted);
        Assert.Equal([today.AddDays(-7), today.AddDays(-6), today], await LaunchCountDaysAsync());

        // At midnight the day 7 days back has been over for exactly the 7 days it is kept.
        _storage.Clock.Advance(TimeSpan.FromHours(12));
        Assert.Equal(1, (await _storage.Sweep().RunAsync(None)).OperationalRowsDeleted);
        Assert.Equal([today.AddDays(-6), today], await LaunchCountDaysAsync());
    }

    [Fact]
    public async Task Sweep_SendScheduleIdleForOverADay_IsDeletedButOneUsedWithinTheDayStays()
    {
        var budget = _storage.Get<ISendBudget>();
        var spacing = TimeSpan.FromMilliseconds(21);
        await budget.ReserveAsync("tenant-idle", 10, spacing, _storage.Clock.GetUtcNow(), None);
        _storage.Clock.Advance(TimeSpan.FromHours(2));
        await budget.ReserveAsync("tenant-busy", 10, spacing, _storage.Clock.GetUtcNow(), None);
        _storage.Clock.Advance(TimeSpan.FromHours(23));

        var result = await _storage.Sweep().RunAsync(None);

        Assert.Equal(1, result.OperationalRowsDeleted);
        var table = _storage.Tables.GetTableClient(_storage.Options.TableName(TableNames.SendBudgets));
        Assert.Equal(["tenant-busy"], await table.QueryAsync<TableEntity>(select: RowDeleter.KeyColumns).Select(r => r.PartitionKey).ToListAsync());

        // The deleted schedule starts afresh at its next reservation.
        var again = await budget.ReserveAsync("tenant-idle", 1, spacing, _storage.Clock.GetUtcNow(), None);
        Assert.Equal(_storage.Clock.GetUtcNow(), again.First);
    }

    private async Task<List<DateOnly?>> LaunchCountDaysAsync()
    {
        var table = _storage.Tables.GetTableClient(_storage.Options.TableName(TableNames.LaunchCounts));
        var days = new List<DateOnly?>();
        await foreach (var row in table.QueryAsync<TableEntity>(select: RowDeleter.KeyColumns))
        {
            days.Add(TableLaunchCounter.DayOf(row.RowKey));
        }

        return [.. days.Order()];
    }

    private async Task<List<string>> RowKeysAsync(string name)
    {
        var table = _storage.Tables.GetTableClient(_storage.Options.TableName(name));
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(select: RowDeleter.KeyColumns))
        {
            keys.Add(TableKeys.Unescape(row.RowKey));
        }

        return [.. keys.Order(StringComparer.Ordinal)];
    }
}
