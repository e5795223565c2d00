using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using TrustBot.Core.Delivery;
using TrustBot.Storage.Retention;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Tests.Retention;

/// <summary>Leases, idempotency records and dead letters are swept once past their documented age, and only then.</summary>
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
