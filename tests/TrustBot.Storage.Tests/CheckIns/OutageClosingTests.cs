using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrustBot.Core.CheckIns;
using TrustBot.Core.SpeakUp;
using TrustBot.Storage.CheckIns;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.SpeakUp;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Tests.CheckIns;

/// <summary>
/// After an outage of any length, the first closing pass destroys the salt of every check-in and speak-up session
/// past its close: through the closing index with no look-back, and through the salts' own ClosesAt column.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class OutageClosingTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly StorageOptions _options = azurite.NewOptions();
    private TableServiceClient _tableService = null!;
    private TableCheckInStore _checkIns = null!;
    private TableSpeakUpStore _speakUp = null!;

    public async Task InitializeAsync()
    {
        _tableService = await AzuriteServer.CreateTablesAsync(_options);
        _checkIns = new TableCheckInStore(_tableService, Options.Create(_options), NullLogger<TableCheckInStore>.Instance);
        _speakUp = new TableSpeakUpStore(_tableService, Options.Create(_options), NullLogger<TableSpeakUpStore>.Instance);
    }

    public async Task DisposeAsync()
    {
        foreach (var name in TableNames.All)
        {
            await _tableService.DeleteTableAsync(_options.TableName(name));
        }
    }

    [Fact]
    public async Task ClosingPass_CheckInThatClosed90DaysAgo_DestroysItsSalt()
    {
        await _checkIns.CreateAsync(CheckIn("outage", closesAt: Now.AddDays(-90)), Salt(), CancellationToken.None);
        await _checkIns.CreateAsync(CheckIn("still-open", closesAt: Now.AddDays(2)) with { InstallationKey = "19:other@thread.tacv2" }, Salt(), CancellationToken.None);

        var closed = await CloseCheckInsAsync();

        Assert.Equal(["outage"], closed);
        Assert.Null(await _checkIns.GetSaltAsync(Tenant, "outage", CancellationToken.None));
        Assert.Equal(CheckInStatus.Closed, (await _checkIns.GetAsync(Tenant, "outage", CancellationToken.None))!.Status);
        Assert.NotNull(await _checkIns.GetSaltAsync(Tenant, "still-open", CancellationToken.None));
    }

    [Fact]
    public async Task ClosingPass_OpenCheckInWhoseIndexRowIsMissing_IsFoundThroughItsSaltAndClosed()
    {
        await _checkIns.CreateAsync(CheckIn("no-index", closesAt: Now.AddDays(-90)), Salt(), CancellationToken.None);
        await DeleteAllAsync(TableNames.CheckInsClosing);

        var closed = await CloseCheckInsAsync();

        Assert.Equal(["no-index"], closed);
        Assert.Null(await _checkIns.GetSaltAsync(Tenant, "no-index", CancellationToken.None));
    }

    [Fact]
    public async Task ClosingPass_ClosedCheckInWhoseSaltSurvived_DestroysTheSalt()
    {
        await _checkIns.CreateAsync(CheckIn("leftover", closesAt: Now.AddDays(-90)), Salt(), CancellationToken.None);
        // What a crash could leave once the index row is gone: a closed row and a salt nobody points to.
        var table = _tableService.GetTableClient(_options.TableName(TableNames.CheckIns));
        var row = (await table.GetEntityAsync<TableEntity>(Tenant, "leftover")).Value;
        row["Status"] = nameof(CheckInStatus.Closed);
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        await DeleteAllAsync(TableNames.CheckInsClosing);

        Assert.Empty(await CloseCheckInsAsync());

        Assert.Null(await _checkIns.GetSaltAsync(Tenant, "leftover", CancellationToken.None));
    }

    [Fact]
    public async Task ClosingPass_SpeakUpSessionThatClosed90DaysAgo_DestroysItsSalt()
    {
        await _speakUp.CreateSessionAsync(Session("outage", closesAt: Now.AddDays(-90)), Salt(), CancellationToken.None);
        await _speakUp.CreateSessionAsync(Session("no-index", closesAt: Now.AddDays(-60)), Salt(), CancellationToken.None);
        await _speakUp.CreateSessionAsync(Session("still-open", closesAt: Now.AddDays(2)), Salt(), CancellationToken.None);
        var index = _tableService.GetTableClient(_options.TableName(TableNames.SpeakUpClosing));
        var (partitionKey, rowKey) = ClosingIndexEntity.KeysOf(Tenant, "no-index", Now.AddDays(-60));
        await index.DeleteEntityAsync(partitionKey, rowKey);

        var closed = new List<string>();
        await foreach (var session in _speakUp.ListDueToCloseAsync(Now, CancellationToken.None))
        {
            if (await _speakUp.CloseSessionAsync(session.TenantId, session.SessionId, Now, CancellationToken.None))
            {
                closed.Add(session.SessionId);
            }
        }

        Assert.Equal(["no-index", "outage"], closed.Order(StringComparer.Ordinal));
        Assert.Null(await _speakUp.GetSaltAsync(Tenant, "outage", CancellationToken.None));
        Assert.Null(await _speakUp.GetSaltAsync(Tenant, "no-index", CancellationToken.None));
        Assert.NotNull(await _speakUp.GetSaltAsync(Tenant, "still-open", CancellationToken.None));
    }

    /// <summary>What a closing pass does with the store: close each due check-in as it is listed.</summary>
    private async Task<List<string>> CloseCheckInsAsync()
    {
        var closed = new List<string>();
        await foreach (var checkIn in _checkIns.ListDueToCloseAsync(Now, CancellationToken.None))
        {
            if (await _checkIns.CloseAsync(checkIn.TenantId, checkIn.CheckInId, Now, CancellationToken.None))
            {
                closed.Add(checkIn.CheckInId);
            }
        }

        return closed;
    }

    private async Task DeleteAllAsync(string name)
    {
        var table = _tableService.GetTableClient(_options.TableName(name));
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }
    }

    private static byte[] Salt() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    private static CheckIn CheckIn(string checkInId, DateTimeOffset closesAt) => new()
    {
        TenantId = Tenant,
        CheckInId = checkInId,
        InstallationKey = "19:team@thread.tacv2",
        ConversationId = "19:general@thread.tacv2",
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        StatementIds = ["ps-mistakes"],
        Threshold = 5,
        OpensAt = closesAt.AddDays(-3),
        ClosesAt = closesAt,
    };

    private static SpeakUpSession Session(string sessionId, DateTimeOffset closesAt) => new()
    {
        TenantId = Tenant,
        SessionId = sessionId,
        InstallationKey = "19:team@thread.tacv2",
        PromptId = "unsaid-blocker",
        ConversationId = "19:general@thread.tacv2",
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        Threshold = 3,
        OpensAt = closesAt.AddDays(-7),
        ClosesAt = closesAt,
    };
}
