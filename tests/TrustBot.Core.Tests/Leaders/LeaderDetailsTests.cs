using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.Leaders;
using TrustBot.Core.Tests.Fakes;

namespace TrustBot.Core.Tests.Leaders;

public sealed class LeaderDetailsTests : IDisposable
{
    private const string AdaId = "29:1ada";
    private readonly InMemoryLeaderStore _leaders = new();
    private readonly FakeTimeProvider _time = new(LeaderTestData.Now);
    private readonly LeaderDetails _details;

    public LeaderDetailsTests()
    {
        _details = new LeaderDetails(_leaders, _time, NullLogger<LeaderDetails>.Instance);
    }

    public void Dispose() => _details.Dispose();

    [Fact]
    public async Task RefreshAsync_NewValues_UpdateEveryTeamThePersonLeads()
    {
        _leaders.Seed(LeaderTestData.Leader(AdaId, "Ada", teamKey: "19:t1"));
        _leaders.Seed(LeaderTestData.Leader(AdaId, "Ada", teamKey: "19:t2") with { TimeZoneId = "UTC" });
        _leaders.Seed(LeaderTestData.Leader("29:1grace", "Grace", teamKey: "19:t1"));

        await _details.RefreshAsync(new PersonLeadership(_leaders), TestIds.TenantId, AdaId, "aad-ada", null, "Europe/Berlin", CancellationToken.None);

        var ada = _leaders.All.Where(l => l.UserId == AdaId).ToList();
        Assert.All(ada, l => Assert.Equal(("aad-ada", "Europe/Berlin"), (l.AadObjectId, l.TimeZoneId)));
        var grace = Assert.Single(_leaders.All, l => l.UserId == "29:1grace");
        Assert.Null(grace.TimeZoneId);
    }

    [Fact]
    public async Task RefreshAsync_ValuesAlreadyStored_WritesNothing()
    {
        _leaders.Seed(LeaderTestData.Leader(AdaId, "Ada", "aad-ada") with { TimeZoneId = "Europe/Berlin" });

        await _details.RefreshAsync(new PersonLeadership(_leaders), TestIds.TenantId, AdaId, "aad-ada", null, "Europe/Berlin", CancellationToken.None);

        Assert.Equal(0, _leaders.UpdateCalls);
    }

    [Fact]
    public async Task RefreshAsync_MissingValues_KeepTheStoredOnes()
    {
        _leaders.Seed(LeaderTestData.Leader(AdaId, "Ada", "aad-ada") with { TimeZoneId = "Europe/Berlin" });

        await _details.RefreshAsync(new PersonLeadership(_leaders), TestIds.TenantId, AdaId, null, null, null, CancellationToken.None);

        var ada = Assert.Single(_leaders.All);
        Assert.Equal(("aad-ada", "Europe/Berlin"), (ada.AadObjectId, ada.TimeZoneId));
        Assert.Equal(0, _leaders.UpdateCalls);
    }

    [Fact]
    public async Task RefreshAsync_SameDetailsWithinTenMinutes_CostsNoStorageCall_ThenChecksAgain()
    {
        _leaders.Seed(LeaderTestData.Leader(AdaId, "Ada"));

        await _details.RefreshAsync(new PersonLeadership(_leaders), TestIds.TenantId, AdaId, "aad-ada", null, "Europe/Berlin", CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(9));
        await _details.RefreshAsync(new PersonLeadership(_leaders), TestIds.TenantId, AdaId, "aad-ada", null, "Europe/Berlin", CancellationToken.None);
        await _details.RefreshAsync(new PersonLeadership(_leaders), TestIds.TenantId, AdaId, null, null, null, CancellationToken.None);
        Assert.Equal(1, _leaders.ListForPersonCalls);

        _time.Advance(TimeSpan.FromMinutes(2));
        await _details.RefreshAsync(new PersonLeadership(_leaders), TestIds.TenantId, AdaId, "aad-ada", null, "Europe/Berlin", CancellationToken.None);
        Assert.Equal(2, _leaders.ListForPersonCalls);
    }

    [Fact]
    public async Task RefreshAsync_AName_IsStoredOnALeaderWithoutOne_AndReplacesAnOldOne()
    {
        _leaders.Seed(LeaderTestData.Leader(AdaId, name: null, teamKey: "19:t1"));
        _leaders.Seed(LeaderTestData.Leader(AdaId, "Ada King", teamKey: "19:t2"));

        await _details.RefreshAsync(new PersonLeadership(_leaders), TestIds.TenantId, AdaId, null, "  Ada Lovelace ", null, CancellationToken.None);

        Assert.All(_leaders.All, l => Assert.Equal("Ada Lovelace", l.Name));
    }

    [Fact]
    public async Task RefreshAsync_NoName_KeepsTheStoredName()
    {
        _leaders.Seed(LeaderTestData.Leader(AdaId, "Ada Lovelace"));

        await _details.RefreshAsync(new PersonLeadership(_leaders), TestIds.TenantId, AdaId, null, " ", "UTC", CancellationToken.None);

        Assert.Equal("Ada Lovelace", Assert.Single(_leaders.All).Name);
    }

    [Fact]
    public async Task RefreshAsync_NameChangedWithinTenMinutes_IsStoredAtOnce()
    {
        _leaders.Seed(LeaderTestData.Leader(AdaId, "Ada"));
        await _details.RefreshAsync(new PersonLeadership(_leaders), TestIds.TenantId, AdaId, null, "Ada Lovelace", null, CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(1));
        await _details.RefreshAsync(new PersonLeadership(_leaders), TestIds.TenantId, AdaId, null, "Ada King", null, CancellationToken.None);

        Assert.Equal("Ada King", Assert.Single(_leaders.All).Name);
    }

    [Fact]
    public async Task RefreshAsync_ZoneChangedWithinTenMinutes_IsStoredAtOnce()
    {
        _leaders.Seed(LeaderTestData.Leader(AdaId, "Ada"));
        await _details.RefreshAsync(new PersonLeadership(_leaders), TestIds.TenantId, AdaId, null, null, "Europe/Berlin", CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(1));
        await _details.RefreshAsync(new PersonLeadership(_leaders), TestIds.TenantId, AdaId, null, null, "America/New_York", CancellationToken.None);

        Assert.Equal("America/New_York", Assert.Single(_leaders.All).TimeZoneId);
    }

    [Fact]
    public async Task RefreshAsync_NotALeader_IsRememberedToo()
    {
        await _details.RefreshAsync(new PersonLeadership(_leaders), TestIds.TenantId, "29:1member", null, null, "UTC", CancellationToken.None);
        await _details.RefreshAsync(new PersonLeadership(_leaders), TestIds.TenantId, "29:1member", null, null, "UTC", CancellationToken.None);

        Assert.Equal(1, _leaders.ListForPersonCalls);
    }

    [Fact]
    public async Task Forget_MakesTheNextMessageRefreshAgain()
    {
        await _details.RefreshAsync(new PersonLeadership(_leaders), TestIds.TenantId, AdaId, null, null, "UTC", CancellationToken.None);
        _leaders.Seed(LeaderTestData.Leader(AdaId, "Ada"));

        _details.Forget(TestIds.TenantId, AdaId);
        await _details.RefreshAsync(new PersonLeadership(_leaders), TestIds.TenantId, AdaId, null, null, "UTC", CancellationToken.None);

        Assert.Equal("UTC", Assert.Single(_leaders.All).TimeZoneId);
    }

    [Fact]
    public async Task RefreshAsync_StorageFails_DoesNotThrow_AndTriesAgainNextTime()
    {
        _leaders.FailListing = true;
        var logger = new RecordingLogger<LeaderDetails>();
        using var details = new LeaderDetails(_leaders, _time, logger);

        await details.RefreshAsync(new PersonLeadership(_leaders), TestIds.TenantId, AdaId, null, null, "UTC", CancellationToken.None);
        await details.RefreshAsync(new PersonLeadership(_leaders), TestIds.TenantId, AdaId, null, null, "UTC", CancellationToken.None);

        Assert.Equal(2, _leaders.ListForPersonCalls);
        var warnings = logger.Entries.Where(e => e.Level == LogLevel.Warning).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Contains(nameof(InvalidOperationException), w.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains(AdaId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefreshAsync_PastCapacity_KeepsTheRecentlySeen()
    {
        for (var i = 0; i <= LeaderDetails.Capacity; i++)
        {
            await _details.RefreshAsync(new PersonLeadership(_leaders), TestIds.TenantId, $"29:person-{i}", null, null, "UTC", CancellationToken.None);
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        // The one past capacity made room by dropping the least recently seen, not everybody.
        await _details.RefreshAsync(new PersonLeadership(_leaders), TestIds.TenantId, $"29:person-{LeaderDetails.Capacity - 1}", null, null, "UTC", CancellationToken.None);
        await _details.RefreshAsync(new PersonLeadership(_leaders), TestIds.TenantId, $"29:person-{LeaderDetails.Capacity}", null, null, "UTC", CancellationToken.None);
        Assert.Equal(LeaderDetails.Capacity + 1, _leaders.ListForPersonCalls);

        await _details.RefreshAsync(new PersonLeadership(_leaders), TestIds.TenantId, "29:person-0", null, null, "UTC", CancellationToken.None);
        Assert.Equal(LeaderDetails.Capacity + 2, _leaders.ListForPersonCalls);
    }
}
