using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Storage.Delivery;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Tests.Delivery;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableDeadLetterLogTests(AzuriteServer azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 23, 30, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(T0);
    private DeliveryTestStorage _storage = null!;
    private TableDeadLetterLog _log = null!;

    public async Task InitializeAsync()
    {
        _storage = await DeliveryTestStorage.CreateAsync(azurite);
        _log = _storage.NewDeadLetterLog(_time);
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task RecordAsync_StoresTheRowInTheDayBucket()
    {
        await _log.RecordAsync("nudge:t/1", "nudge", "403 Forbidden", CancellationToken.None);

        var row = Assert.Single(await _storage.ReadAllRowsAsync(TableNames.DeadLetters));
        Assert.Equal("20261124", row.PartitionKey);
        Assert.Equal(TableKeys.Escape("nudge:t/1"), row.RowKey);
        Assert.Equal("nudge", row.GetString("Kind"));
        Assert.Equal("403 Forbidden", row.GetString("Reason"));
        Assert.Equal(T0, row.GetDateTimeOffset("RecordedAt"));
    }

    [Fact]
    public async Task CountSinceAsync_AcrossMidnight_CountsOnlyTheWindow()
    {
        await _log.RecordAsync("k-old", "digest", "timeout", CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(20));
        await _log.RecordAsync("k-before-midnight", "nudge", "timeout", CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(20));
        await _log.RecordAsync("k-after-midnight", "checkin", "timeout", CancellationToken.None);

        Assert.Equal(3, await _log.CountSinceAsync(T0, CancellationToken.None));
        Assert.Equal(2, await _log.CountSinceAsync(T0.AddMinutes(10), CancellationToken.None));
        Assert.Equal(1, await _log.CountSinceAsync(T0.AddMinutes(30), CancellationToken.None));
        Assert.Equal(0, await _log.CountSinceAsync(T0.AddMinutes(41), CancellationToken.None));
    }

    [Fact]
    public async Task RecordAsync_SameKeyTwiceInADay_CountsOnce()
    {
        await _log.RecordAsync("k-1", "nudge", "timeout", CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        await _log.RecordAsync("k-1", "nudge", "500 InternalServerError", CancellationToken.None);

        Assert.Equal(1, await _log.CountSinceAsync(T0.AddHours(-1), CancellationToken.None));
    }

    [Fact]
    public async Task CheckHealthAsync_NoDeadLetters_IsHealthyWithZero()
    {
        var result = await HealthCheck().CheckHealthAsync(Context(), CancellationToken.None);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(0, result.Data[DeadLetterHealthCheck.CountKey]);
    }

    [Fact]
    public async Task CheckHealthAsync_DeadLettersInTheLastDay_IsDegradedWithTheCount()
    {
        await _log.RecordAsync("k-1", "nudge", "timeout", CancellationToken.None);
        await _log.RecordAsync("k-2", "checkin", "timeout", CancellationToken.None);

        var result = await HealthCheck().CheckHealthAsync(Context(), CancellationToken.None);

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal(2, result.Data[DeadLetterHealthCheck.CountKey]);
    }

    [Fact]
    public async Task CheckHealthAsync_DeadLettersOlderThanADay_IsHealthyAgain()
    {
        await _log.RecordAsync("k-1", "nudge", "timeout", CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        var result = await HealthCheck().CheckHealthAsync(Context(), CancellationToken.None);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(0, result.Data[DeadLetterHealthCheck.CountKey]);
    }

    private DeadLetterHealthCheck HealthCheck() => new(_log, _time);

    private static HealthCheckContext Context() => new()
    {
        Registration = new HealthCheckRegistration("delivery", _ => null!, HealthStatus.Unhealthy, ["ready"]),
    };
}
