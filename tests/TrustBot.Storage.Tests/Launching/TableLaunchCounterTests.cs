using Microsoft.Extensions.Options;
using TrustBot.Storage.Launching;

namespace TrustBot.Storage.Tests.Launching;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableLaunchCounterTests(AzuriteServer azurite)
{
    private const string TeamKey = "19:team@thread.tacv2";
    private static readonly DateOnly Day = new(2026, 12, 3);
    private readonly string _tenantId = Guid.NewGuid().ToString();

    [Fact]
    public async Task TryReserveAsync_UpToTheLimit_ThenRefuses_AndAnotherDayOrTeamIsSeparate()
    {
        var counter = await NewCounterAsync();

        for (var i = 0; i < 3; i++)
        {
            Assert.True(await counter.TryReserveAsync(_tenantId, TeamKey, Day, 3, CancellationToken.None));
        }

        Assert.False(await counter.TryReserveAsync(_tenantId, TeamKey, Day, 3, CancellationToken.None));
        Assert.True(await counter.TryReserveAsync(_tenantId, TeamKey, Day.AddDays(1), 3, CancellationToken.None));
        Assert.True(await counter.TryReserveAsync(_tenantId, "19:other@thread.tacv2", Day, 3, CancellationToken.None));
    }

    [Fact]
    public async Task ReleaseAsync_GivesOneBack()
    {
        var counter = await NewCounterAsync();
        Assert.True(await counter.TryReserveAsync(_tenantId, TeamKey, Day, 1, CancellationToken.None));

        await counter.ReleaseAsync(_tenantId, TeamKey, Day, CancellationToken.None);

        Assert.True(await counter.TryReserveAsync(_tenantId, TeamKey, Day, 1, CancellationToken.None));
        Assert.False(await counter.TryReserveAsync(_tenantId, TeamKey, Day, 1, CancellationToken.None));
    }

    [Fact]
    public async Task TryReserveAsync_RacingInstances_NeverGrantMoreThanTheLimit()
    {
        var options = azurite.NewOptions();
        var tables = await AzuriteServer.CreateTablesAsync(options);
        var instances = Enumerable.Range(0, 4).Select(_ => new TableLaunchCounter(tables, Options.Create(options))).ToList();

        var granted = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            instances[i % instances.Count].TryReserveAsync(_tenantId, TeamKey, Day, 3, CancellationToken.None)));

        Assert.Equal(3, granted.Count(g => g));
    }

    private async Task<TableLaunchCounter> NewCounterAsync()
    {
        var options = azurite.NewOptions();
        return new TableLaunchCounter(await AzuriteServer.CreateTablesAsync(options), Options.Create(options));
    }
}
