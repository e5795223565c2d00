using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.Delivery;
using TrustBot.Storage.Delivery;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Tests.Delivery;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableIdempotencyStoreTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string Key = "occurrence:72f988bf-86f1-41af-91ab-2d7cd011db47:19:team@thread.tacv2:checkin:2026-11-24T10:00Z";
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(T0);
    private DeliveryTestStorage _storage = null!;
    private TableIdempotencyStore _store = null!;

    public async Task InitializeAsync()
    {
        _storage = await DeliveryTestStorage.CreateAsync(azurite);
        _store = _storage.NewIdempotencyStore(_time);
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task TryBeginAsync_Twice_FirstTrueSecondFalse()
    {
        Assert.True(await _store.TryBeginAsync(Key, CancellationToken.None));
        Assert.False(await _store.TryBeginAsync(Key, CancellationToken.None));

        Assert.Equal(new IdempotencyRecord(Key, IdempotencyStates.Pending, null, T0), await _store.GetAsync(Key, CancellationToken.None));
        var row = Assert.Single(await _storage.ReadAllRowsAsync(TableNames.Idempotency));
        Assert.Equal(SpreadPartition.For(Key), row.PartitionKey);
        Assert.Equal(TableKeys.Escape(Key), row.RowKey);
    }

    [Fact]
    public async Task TryBeginAsync_TenProducersAtOnce_ExactlyOneBegins()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var producers = Enumerable.Range(0, 10).Select(async _ =>
        {
            var store = _storage.NewIdempotencyStore(_time);
            await gate.Task;
            return await store.TryBeginAsync(Key, CancellationToken.None);
        }).ToList();
        gate.SetResult();

        var results = await Task.WhenAll(producers);

        Assert.Equal(1, results.Count(began => began));
    }

    [Fact]
    public async Task GetAsync_Unknown_ReturnsNull()
    {
        Assert.Null(await _store.GetAsync("never-begun", CancellationToken.None));
    }

    [Fact]
    public async Task CompleteAsync_AfterBegin_RecordsDoneWithTheResultId()
    {
        await _store.TryBeginAsync(Key, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(3));

        await _store.CompleteAsync(Key, "1:activity-42", CancellationToken.None);

        Assert.Equal(
            new IdempotencyRecord(Key, IdempotencyStates.Done, "1:activity-42", T0.AddSeconds(3)),
            await _store.GetAsync(Key, CancellationToken.None));
        Assert.False(await _store.TryBeginAsync(Key, CancellationToken.None));
    }

    [Fact]
    public async Task CompleteAsync_WithoutBegin_CreatesADoneRecord()
    {
        await _store.CompleteAsync(Key, null, CancellationToken.None);

        Assert.Equal(new IdempotencyRecord(Key, IdempotencyStates.Done, null, T0), await _store.GetAsync(Key, CancellationToken.None));
    }

    [Fact]
    public async Task MarkDeadAsync_Pending_RecordsDeadWithTheReason()
    {
        await _store.TryBeginAsync(Key, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));

        await _store.MarkDeadAsync(Key, "403 BotNotInConversationRoster", CancellationToken.None);

        Assert.Equal(new IdempotencyRecord(Key, IdempotencyStates.Dead, null, T0.AddMinutes(5)), await _store.GetAsync(Key, CancellationToken.None));
        Assert.Equal("403 BotNotInConversationRoster", Assert.Single(await _storage.ReadAllRowsAsync(TableNames.Idempotency)).GetString("Reason"));
    }

    [Fact]
    public async Task MarkDeadAsync_Unknown_CreatesADeadRecord()
    {
        await _store.MarkDeadAsync(Key, "timeout", CancellationToken.None);

        Assert.Equal(IdempotencyStates.Dead, (await _store.GetAsync(Key, CancellationToken.None))?.State);
    }

    [Fact]
    public async Task MarkDeadAsync_AlreadyDone_StaysDone()
    {
        await _store.TryBeginAsync(Key, CancellationToken.None);
        await _store.CompleteAsync(Key, "1:activity-42", CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));

        await _store.MarkDeadAsync(Key, "late duplicate failed", CancellationToken.None);

        Assert.Equal(new IdempotencyRecord(Key, IdempotencyStates.Done, "1:activity-42", T0), await _store.GetAsync(Key, CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_KeysWithKeyCharacters_RoundTrip()
    {
        const string odd = "digest:tenant/with#odd?chars%";

        await _store.CompleteAsync(odd, "id", CancellationToken.None);

        Assert.Equal(odd, (await _store.GetAsync(odd, CancellationToken.None))?.Key);
        Assert.Null(await _store.GetAsync("digest:tenant", CancellationToken.None));
    }
}
