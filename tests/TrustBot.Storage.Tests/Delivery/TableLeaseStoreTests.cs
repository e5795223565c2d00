using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.Delivery;
using TrustBot.Storage.Delivery;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Tests.Delivery;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableLeaseStoreTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string Resource = "occurrence:72f988bf-86f1-41af-91ab-2d7cd011db47:19:team@thread.tacv2:checkin:2026-11-24T10:00Z";
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 59, 0, TimeSpan.Zero);
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider _time = new(T0);
    private DeliveryTestStorage _storage = null!;
    private TableLeaseStore _leases = null!;

    public async Task InitializeAsync()
    {
        _storage = await DeliveryTestStorage.CreateAsync(azurite);
        _leases = _storage.NewLeaseStore(_time);
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task TryAcquireAsync_Unclaimed_ReturnsLeaseAndStoresSpreadKeyedRow()
    {
        var lease = await _leases.TryAcquireAsync(Resource, "host-a", Duration, CancellationToken.None);

        Assert.NotNull(lease);
        Assert.Equal(Resource, lease.Resource);
        Assert.Equal("host-a", lease.Owner);
        Assert.Equal(T0 + Duration, lease.ExpiresAt);
        Assert.False(string.IsNullOrEmpty(lease.Version));
        var row = Assert.Single(await _storage.ReadAllRowsAsync(TableNames.Leases));
        Assert.Equal(SpreadPartition.For(Resource), row.PartitionKey);
        Assert.Equal(2, row.PartitionKey.Length);
        Assert.Equal(TableKeys.Escape(Resource), row.RowKey);
        Assert.Equal("host-a", row.GetString("Owner"));
        Assert.Equal(T0 + Duration, row.GetDateTimeOffset("ExpiresAt"));
    }

    [Fact]
    public async Task TryAcquireAsync_HeldAndUnexpired_ReturnsNullForEveryoneIncludingTheHolder()
    {
        await _leases.TryAcquireAsync(Resource, "host-a", Duration, CancellationToken.None);
        _time.Advance(Duration - TimeSpan.FromSeconds(1));

        Assert.Null(await _leases.TryAcquireAsync(Resource, "host-b", Duration, CancellationToken.None));
        Assert.Null(await _leases.TryAcquireAsync(Resource, "host-a", Duration, CancellationToken.None));
    }

    [Fact]
    public async Task TryAcquireAsync_TenOwnersAtOnceOnAFreeResource_ExactlyOneWins()
    {
        var winners = await RaceAsync(Resource, "fresh");

        var winner = Assert.Single(winners);
        var row = Assert.Single(await _storage.ReadAllRowsAsync(TableNames.Leases));
        Assert.Equal(winner.Owner, row.GetString("Owner"));
    }

    [Fact]
    public async Task TryAcquireAsync_TenOwnersAtOnceOnAnExpiredResource_ExactlyOneWins()
    {
        await _leases.TryAcquireAsync(Resource, "host-old", Duration, CancellationToken.None);
        _time.Advance(Duration + TimeSpan.FromSeconds(1));

        var winners = await RaceAsync(Resource, "takeover");

        var winner = Assert.Single(winners);
        Assert.NotEqual("host-old", winner.Owner);
        var row = Assert.Single(await _storage.ReadAllRowsAsync(TableNames.Leases));
        Assert.Equal(winner.Owner, row.GetString("Owner"));
    }

    [Fact]
    public async Task TryAcquireAsync_PastExpiry_AnotherOwnerTakesOver()
    {
        await _leases.TryAcquireAsync(Resource, "host-a", Duration, CancellationToken.None);
        _time.Advance(Duration);

        var lease = await _leases.TryAcquireAsync(Resource, "host-b", Duration, CancellationToken.None);

        Assert.NotNull(lease);
        Assert.Equal("host-b", lease.Owner);
        Assert.Equal(T0 + Duration + Duration, lease.ExpiresAt);
    }

    [Fact]
    public async Task RenewAsync_ByTheOwner_ExtendsSoOthersStayOut()
    {
        var lease = await AcquireAsync("host-a");
        _time.Advance(TimeSpan.FromSeconds(50));

        Assert.True(await _leases.RenewAsync(lease, Duration, CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.Null(await _leases.TryAcquireAsync(Resource, "host-b", Duration, CancellationToken.None));
        var row = Assert.Single(await _storage.ReadAllRowsAsync(TableNames.Leases));
        Assert.Equal(T0 + TimeSpan.FromSeconds(50) + Duration, row.GetDateTimeOffset("ExpiresAt"));
    }

    [Fact]
    public async Task RenewAsync_TwiceWithTheSameLease_BothSucceedAndReleaseStillWorks()
    {
        var lease = await AcquireAsync("host-a");

        Assert.True(await _leases.RenewAsync(lease, Duration, CancellationToken.None));
        Assert.True(await _leases.RenewAsync(lease, Duration, CancellationToken.None));
        await _leases.ReleaseAsync(lease, CancellationToken.None);

        Assert.Empty(await _storage.ReadAllRowsAsync(TableNames.Leases));
    }

    [Fact]
    public async Task RenewAsync_AfterAnotherOwnerTookOver_ReturnsFalseAndKeepsTheirClaim()
    {
        var stale = await AcquireAsync("host-a");
        _time.Advance(Duration + TimeSpan.FromSeconds(1));
        var current = await AcquireAsync("host-b");

        Assert.False(await _leases.RenewAsync(stale, TimeSpan.FromHours(1), CancellationToken.None));

        var row = Assert.Single(await _storage.ReadAllRowsAsync(TableNames.Leases));
        Assert.Equal("host-b", row.GetString("Owner"));
        Assert.Equal(current.ExpiresAt, row.GetDateTimeOffset("ExpiresAt"));
    }

    [Fact]
    public async Task RenewAsync_ALeaseForgedWithAnotherOwner_ReturnsFalse()
    {
        var lease = await AcquireAsync("host-a");

        Assert.False(await _leases.RenewAsync(lease with { Owner = "host-b" }, Duration, CancellationToken.None));

        Assert.Equal("host-a", Assert.Single(await _storage.ReadAllRowsAsync(TableNames.Leases)).GetString("Owner"));
    }

    [Fact]
    public async Task RenewAsync_AfterRelease_ReturnsFalse()
    {
        var lease = await AcquireAsync("host-a");
        await _leases.ReleaseAsync(lease, CancellationToken.None);

        Assert.False(await _leases.RenewAsync(lease, Duration, CancellationToken.None));
        Assert.Empty(await _storage.ReadAllRowsAsync(TableNames.Leases));
    }

    [Fact]
    public async Task ReleaseAsync_ByTheOwner_FreesTheResourceAtOnce()
    {
        var lease = await AcquireAsync("host-a");

        await _leases.ReleaseAsync(lease, CancellationToken.None);

        var next = await _leases.TryAcquireAsync(Resource, "host-b", Duration, CancellationToken.None);
        Assert.Equal("host-b", next?.Owner);
    }

    [Fact]
    public async Task ReleaseAsync_AStaleLeaseAfterATakeover_LeavesTheNewHolderInPlace()
    {
        var stale = await AcquireAsync("host-a");
        _time.Advance(Duration + TimeSpan.FromSeconds(1));
        await AcquireAsync("host-b");

        await _leases.ReleaseAsync(stale, CancellationToken.None);

        Assert.Equal("host-b", Assert.Single(await _storage.ReadAllRowsAsync(TableNames.Leases)).GetString("Owner"));
        Assert.Null(await _leases.TryAcquireAsync(Resource, "host-c", Duration, CancellationToken.None));
    }

    [Fact]
    public async Task ReleaseAsync_Twice_SecondIsANoOp()
    {
        var lease = await AcquireAsync("host-a");

        await _leases.ReleaseAsync(lease, CancellationToken.None);
        await _leases.ReleaseAsync(lease, CancellationToken.None);

        Assert.Empty(await _storage.ReadAllRowsAsync(TableNames.Leases));
    }

    [Fact]
    public async Task TryAcquireAsync_ResourcesWithKeyCharacters_AreKeptApart()
    {
        var first = await _leases.TryAcquireAsync("a/b#c?d", "host-a", Duration, CancellationToken.None);
        var second = await _leases.TryAcquireAsync("scheduler-tick", "host-b", Duration, CancellationToken.None);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Equal(2, (await _storage.ReadAllRowsAsync(TableNames.Leases)).Count);
    }

    private async Task<Lease> AcquireAsync(string owner) =>
        await _leases.TryAcquireAsync(Resource, owner, Duration, CancellationToken.None)
        ?? throw new InvalidOperationException($"{owner} did not get the lease.");

    private async Task<List<Lease>> RaceAsync(string resource, string ownerPrefix)
    {
        // Separate store instances, as on separate hosts, all released at once by one gate.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var contenders = Enumerable.Range(0, 10).Select(async i =>
        {
            var store = _storage.NewLeaseStore(_time);
            await gate.Task;
            return await store.TryAcquireAsync(resource, $"{ownerPrefix}-{i}", Duration, CancellationToken.None);
        }).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(contenders);
        return [.. results.OfType<Lease>()];
    }
}
