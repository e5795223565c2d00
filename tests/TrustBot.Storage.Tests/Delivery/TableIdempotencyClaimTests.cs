using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.Delivery;
using TrustBot.Storage.Delivery;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Tests.Delivery;

/// <summary>The send claim that lives on the idempotency record, on Azurite.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableIdempotencyClaimTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string Key = "nudge:72f988bf-86f1-41af-91ab-2d7cd011db47:19:team@thread.tacv2:nudge|29:leader:20261124T100000Z";
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(2);

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
    public async Task TryClaimAsync_NothingRecorded_ClaimsWithOneRowThatReadsAsPending()
    {
        var claim = await _store.TryClaimAsync(Key, "worker-a", T0 + Hold, CancellationToken.None);

        Assert.True(claim.IsClaimed);
        Assert.Equal(IdempotencyStates.Pending, (await _store.GetAsync(Key, CancellationToken.None))!.State);
        var row = Assert.Single(await _storage.ReadAllRowsAsync(TableNames.Idempotency));
        Assert.Equal("worker-a", row.GetString("Owner"));
        Assert.Equal(T0 + Hold, row.GetDateTimeOffset("ClaimedUntil"));
    }

    [Fact]
    public async Task TryClaimAsync_TenWorkersAtOnce_ExactlyOneClaims()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = Enumerable.Range(0, 10).Select(async i =>
        {
            var store = _storage.NewIdempotencyStore(_time);
            await gate.Task;
            return await store.TryClaimAsync(Key, $"worker-{i}", T0 + Hold, CancellationToken.None);
        }).ToList();
        gate.SetResult();

        var claims = await Task.WhenAll(workers);

        Assert.Single(claims, c => c.IsClaimed);
        Assert.All(claims.Where(c => !c.IsClaimed), c => Assert.False(c.IsSettled));
    }

    [Fact]
    public async Task TryClaimAsync_WhileAnotherClaimRuns_IsHeldAndOnceItRanOutTakesItOver()
    {
        var first = await _store.TryClaimAsync(Key, "worker-a", T0 + Hold, CancellationToken.None);

        var meanwhile = await _store.TryClaimAsync(Key, "worker-b", T0 + Hold, CancellationToken.None);
        _time.Advance(Hold);
        var afterwards = await _store.TryClaimAsync(Key, "worker-b", T0 + Hold + Hold, CancellationToken.None);

        Assert.Equal(SendClaim.Held(Key), meanwhile);
        Assert.True(afterwards.IsClaimed);
        // The first worker's late release finds the claim taken over and leaves it alone.
        await _store.ReleaseAsync(first, CancellationToken.None);
        Assert.Equal("worker-b", Assert.Single(await _storage.ReadAllRowsAsync(TableNames.Idempotency)).GetString("Owner"));
    }

    [Fact]
    public async Task ReleaseAsync_LetsTheNextCopyClaimAtOnce()
    {
        var first = await _store.TryClaimAsync(Key, "worker-a", T0 + Hold, CancellationToken.None);

        await _store.ReleaseAsync(first, CancellationToken.None);
        var next = await _store.TryClaimAsync(Key, "worker-b", T0 + Hold, CancellationToken.None);

        Assert.True(next.IsClaimed);
        Assert.Equal(IdempotencyStates.Pending, (await _store.GetAsync(Key, CancellationToken.None))!.State);
    }

    [Theory]
    [InlineData(IdempotencyStates.Done)]
    [InlineData(IdempotencyStates.Dead)]
    public async Task TryClaimAsync_Settled_SaysSoWithoutClaiming(string state)
    {
        var claim = await _store.TryClaimAsync(Key, "worker-a", T0 + Hold, CancellationToken.None);
        if (state == IdempotencyStates.Done)
        {
            await _store.CompleteAsync(Key, "activity-1", CancellationToken.None);
        }
        else
        {
            await _store.MarkDeadAsync(Key, "500", CancellationToken.None);
        }

        _time.Advance(Hold);
        var again = await _store.TryClaimAsync(Key, "worker-b", T0 + Hold + Hold, CancellationToken.None);

        Assert.True(claim.IsClaimed);
        Assert.Equal(SendClaim.Settled(Key, state), again);
    }

    [Fact]
    public async Task TryClaimAsync_BegunByAProducer_TakesThePendingRecordOver()
    {
        Assert.True(await _store.TryBeginAsync(Key, CancellationToken.None));

        var claim = await _store.TryClaimAsync(Key, "worker-a", T0 + Hold, CancellationToken.None);
        var twin = await _store.TryClaimAsync(Key, "worker-b", T0 + Hold, CancellationToken.None);

        Assert.True(claim.IsClaimed);
        Assert.Equal(SendClaim.Held(Key), twin);
    }
}
