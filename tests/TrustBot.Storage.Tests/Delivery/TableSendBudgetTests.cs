using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using TrustBot.Core.Outages;
using TrustBot.Storage.Delivery;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Tables;
using TrustBot.Storage.Tests.Hosting;
using TrustBot.Testing.Storage;
using Xunit.Abstractions;
using OptionsFactory = Microsoft.Extensions.Options.Options;

namespace TrustBot.Storage.Tests.Delivery;

/// <summary>
/// The tenants' send schedules on Azurite: every slot is handed out once, consecutive slots are the spacing apart
/// whoever reserved them, and an instance that reserves again after its own last write pays one call.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableSendBudgetTests(AzuriteServer azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    // Teams' published app limit, 50 requests in any second, as slots 20 ms apart.
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(20);

    private DeliveryTestStorage _storage = null!;

    public async Task InitializeAsync() => _storage = await DeliveryTestStorage.CreateAsync(azurite);

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task ReserveAsync_NewTenant_StartsAtNotBeforeAndTheNextReservationContinuesAfterIt()
    {
        var budget = _storage.NewSendBudget();

        var first = await budget.ReserveAsync(Tenant, 5, Spacing, T0, CancellationToken.None);
        var second = await budget.ReserveAsync(Tenant, 3, Spacing, T0, CancellationToken.None);

        Assert.Equal((T0, 5), (first.First, first.Count));
        Assert.Equal((T0 + (5 * Spacing), 3), (second.First, second.Count));
        var row = Assert.Single(await _storage.ReadAllRowsAsync(TableNames.SendBudgets));
        Assert.Equal((Tenant, TableSendBudget.RowKey), (row.PartitionKey, row.RowKey));
        Assert.Equal((T0 + (8 * Spacing)).UtcTicks, row.GetInt64(TableSendBudget.NextColumn));
    }

    [Fact]
    public async Task ReserveAsync_IdleScheduleAndLaterNotBefore_StartsAtNotBeforeWithoutBackfilling()
    {
        var budget = _storage.NewSendBudget();
        await budget.ReserveAsync(Tenant, 2, Spacing, T0, CancellationToken.None);

        var later = await budget.ReserveAsync(Tenant, 1, Spacing, T0.AddMinutes(5), CancellationToken.None);

        Assert.Equal(T0.AddMinutes(5), later.First);
    }

    [Fact]
    public async Task ReserveAsync_TwoTenants_HaveSchedulesOfTheirOwn()
    {
        var budget = _storage.NewSendBudget();
        await budget.ReserveAsync(Tenant, 10, Spacing, T0, CancellationToken.None);

        var other = await budget.ReserveAsync("0d6b5c7e-1f2a-4b3c-8d9e-0a1b2c3d4e5f", 10, Spacing, T0, CancellationToken.None);

        Assert.Equal(T0, other.First);
    }

    [Fact]
    public async Task ReserveAsync_TwoInstancesAtOnce_NeverShareASlotAndKeepFiftyInAnySecond()
    {
        // Two instances, each with its own client and its own memory of its last write, one table; each books one
        // chunk at a time, as the limiter does per tenant, pausing a moment between (the limiter hands its slots out
        // first), while the other books too.
        var random = new Random(20261124);
        var counts = Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, 60).Select(_ => random.Next(1, 11)).ToArray()).ToArray();
        var calls = new CountingPolicy();

        var grants = (await Task.WhenAll(counts.Select(async (chunks, instance) =>
        {
            var budget = _storage.NewSendBudget(NewClient(calls));
            var pauses = new Random(instance);
            var granted = new List<(int Instance, Core.Delivery.SendSlots Slots)>();
            foreach (var count in chunks)
            {
                granted.Add((instance, await budget.ReserveAsync(Tenant, count, Spacing, T0, CancellationToken.None)));
                await Task.Delay(pauses.Next(0, 4));
            }

            return granted;
        }))).SelectMany(g => g).ToList();
        output.WriteLine($"120 reservations by two instances took {calls.Count} storage calls (the rest lost a race and read again)");

        var slots = grants
            .SelectMany(g => Enumerable.Range(0, g.Slots.Count).Select(i => (g.Instance, At: g.Slots.First + (i * Spacing))))
            .OrderBy(s => s.At)
            .ToList();
        Assert.Equal(counts.Sum(c => c.Sum()), slots.Count);
        for (var i = 1; i < slots.Count; i++)
        {
            // One spacing apart within an instance's run; where the schedule changes hands, the hand-over gap too.
            var gap = slots[i].Instance == slots[i - 1].Instance ? Spacing : Spacing + TableSendBudget.HandOverGap;
            Assert.Equal(gap, slots[i].At - slots[i - 1].At);
        }

        // So any second holds at most 50 of them, and none went to waste: the schedule ends right after the last slot.
        Assert.Contains(slots, s => s.Instance == 0);
        Assert.Contains(slots, s => s.Instance == 1);
        Assert.All(Enumerable.Range(0, slots.Count - 50), i => Assert.True(slots[i + 50].At - slots[i].At >= TimeSpan.FromSeconds(1)));
        var row = Assert.Single(await _storage.ReadAllRowsAsync(TableNames.SendBudgets));
        Assert.Equal((slots[^1].At + Spacing).UtcTicks, row.GetInt64(TableSendBudget.NextColumn));
    }

    [Fact]
    public async Task ReserveAsync_AfterItsOwnLastWrite_IsOneCall_AfterAnotherInstancesWrite_ReadsAgain()
    {
        var calls = new CountingPolicy();
        var counted = _storage.NewSendBudget(NewClient(calls));
        var other = _storage.NewSendBudget();
        await counted.ReserveAsync(Tenant, 10, Spacing, T0, CancellationToken.None);

        var before = calls.Count;
        await counted.ReserveAsync(Tenant, 10, Spacing, T0, CancellationToken.None);
        Assert.Equal(1, calls.Count - before);

        await other.ReserveAsync(Tenant, 10, Spacing, T0, CancellationToken.None);
        before = calls.Count;
        var after = await counted.ReserveAsync(Tenant, 10, Spacing, T0, CancellationToken.None);

        // A conditional write that lost, a read, and the write again: after the other instance's ten slots, with a
        // hand-over gap before the other's and one before its own.
        Assert.Equal(3, calls.Count - before);
        Assert.Equal(T0 + (30 * Spacing) + (2 * TableSendBudget.HandOverGap), after.First);
    }

    [Fact]
    public async Task ReserveAsync_StorageUnreachable_ThrowsStorageUnavailable()
    {
        var options = OptionsFactory.Create(new StorageOptions
        {
            ConnectionString = StorageHealthCheckTests.ConnectionStringForClosedPort(),
            TablePrefix = AzuriteFixture.NewTablePrefix(),
        });
        var budget = new TableSendBudget(new StorageClientFactory(options).CreateTableServiceClient(), new Core.Delivery.DeliveryInstance(), options);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => budget.ReserveAsync(Tenant, 1, Spacing, T0, CancellationToken.None));
    }

    private TableServiceClient NewClient(HttpPipelinePolicy? policy = null)
    {
        var options = new TableClientOptions();
        if (policy is not null)
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerCall);
        }

        return new TableServiceClient(azurite.ConnectionString, options);
    }

    private sealed class CountingPolicy : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }
}
