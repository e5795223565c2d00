using Azure.Data.Tables;
using TrustBot.Core.SpeakUp;
using TrustBot.Storage.SpeakUp;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Tests.SpeakUp;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableSpeakUpStoreTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string OtherTenant = "11111111-2222-3333-4444-555555555555";
    private const string Team = "19:team@thread.tacv2";
    private static readonly DateTimeOffset T0 = new(2025, 3, 4, 9, 15, 30, TimeSpan.Zero);

    private SpeakUpTestStorage _storage = null!;
    private TableSpeakUpStore _store = null!;

    public async Task InitializeAsync()
    {
        _storage = await SpeakUpTestStorage.CreateAsync(azurite);
        _store = _storage.NewStore();
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task CreateSessionAsync_NewSession_RoundTripsEveryColumnAndTheSalt()
    {
        var session = Session("s-1") with
        {
            ActivityId = "1712345678901",
            OpensAt = new DateTimeOffset(2025, 3, 4, 11, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567),
        };
        var salt = NewSalt();

        await _store.CreateSessionAsync(session, salt, CancellationToken.None);

        var stored = await _store.GetSessionAsync(Tenant, "s-1", CancellationToken.None);
        Assert.Equal(session with { OpensAt = session.OpensAt.ToUniversalTime() }, stored);
        Assert.Equal(TimeSpan.Zero, stored!.OpensAt.Offset);
        Assert.Equal(salt, await _store.GetSaltAsync(Tenant, "s-1", CancellationToken.None));
    }

    [Fact]
    public async Task CreateSessionAsync_SameSessionAndSaltAgain_Succeeds()
    {
        var session = Session("s-1");
        var salt = NewSalt();
        await _store.CreateSessionAsync(session, salt, CancellationToken.None);

        await _store.CreateSessionAsync(session, (byte[])salt.Clone(), CancellationToken.None);

        Assert.Equal(session, await _store.GetSessionAsync(Tenant, "s-1", CancellationToken.None));
        Assert.Equal(salt, await _store.GetSaltAsync(Tenant, "s-1", CancellationToken.None));
    }

    [Fact]
    public async Task CreateSessionAsync_SameIdWithAnotherSalt_ThrowsAndKeepsTheFirstSalt()
    {
        var salt = NewSalt();
        await _store.CreateSessionAsync(Session("s-1"), salt, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _store.CreateSessionAsync(Session("s-1"), NewSalt(), CancellationToken.None));

        Assert.Equal(salt, await _store.GetSaltAsync(Tenant, "s-1", CancellationToken.None));
    }

    [Fact]
    public async Task CreateSessionAsync_SameIdWithAnotherPrompt_ThrowsAndKeepsTheFirstSession()
    {
        var salt = NewSalt();
        await _store.CreateSessionAsync(Session("s-1"), salt, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _store.CreateSessionAsync(Session("s-1") with { PromptId = "other-prompt" }, salt, CancellationToken.None));

        Assert.Equal(Session("s-1"), await _store.GetSessionAsync(Tenant, "s-1", CancellationToken.None));
    }

    [Fact]
    public async Task GetSessionAsync_Missing_ReturnsNull()
    {
        Assert.Null(await _store.GetSessionAsync(Tenant, "no-such-session", CancellationToken.None));
        Assert.Null(await _store.GetSaltAsync(Tenant, "no-such-session", CancellationToken.None));
    }

    [Fact]
    public async Task GetSessionAsync_OtherTenant_ReturnsNull()
    {
        await _store.CreateSessionAsync(Session("s-1"), NewSalt(), CancellationToken.None);

        Assert.Null(await _store.GetSessionAsync(OtherTenant, "s-1", CancellationToken.None));
        Assert.Null(await _store.GetSaltAsync(OtherTenant, "s-1", CancellationToken.None));
    }

    [Fact]
    public async Task SetActivityIdAsync_Existing_ChangesOnlyTheActivityId()
    {
        var session = Session("s-1");
        await _store.CreateSessionAsync(session, NewSalt(), CancellationToken.None);

        await _store.SetActivityIdAsync(Tenant, "s-1", "1712345678901", CancellationToken.None);

        Assert.Equal(session with { ActivityId = "1712345678901" }, await _store.GetSessionAsync(Tenant, "s-1", CancellationToken.None));
    }

    [Fact]
    public async Task SetActivityIdAsync_Missing_ThrowsAndCreatesNothing()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() =>
            _store.SetActivityIdAsync(Tenant, "no-such-session", "1712345678901", CancellationToken.None));

        Assert.Null(await _store.GetSessionAsync(Tenant, "no-such-session", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteSaltAsync_Existing_DestroysTheSaltAndKeepsTheSession()
    {
        var session = Session("s-1");
        await _store.CreateSessionAsync(session, NewSalt(), CancellationToken.None);

        Assert.True(await _store.DeleteSaltAsync(Tenant, "s-1", CancellationToken.None));

        Assert.Null(await _store.GetSaltAsync(Tenant, "s-1", CancellationToken.None));
        Assert.Equal(session, await _store.GetSessionAsync(Tenant, "s-1", CancellationToken.None));
        Assert.False(await _store.DeleteSaltAsync(Tenant, "s-1", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteSaltAsync_OtherTenantsSession_LeavesItsSaltAlone()
    {
        var salt = NewSalt();
        await _store.CreateSessionAsync(Session("s-1") with { TenantId = OtherTenant }, salt, CancellationToken.None);

        Assert.False(await _store.DeleteSaltAsync(Tenant, "s-1", CancellationToken.None));

        Assert.Equal(salt, await _store.GetSaltAsync(OtherTenant, "s-1", CancellationToken.None));
    }

    [Fact]
    public async Task ListSessionsAsync_SeveralInstallationsAndTenants_ReturnsThatInstallationsNewestFirst()
    {
        await _store.CreateSessionAsync(Session("b-middle") with { OpensAt = T0.AddDays(7) }, NewSalt(), CancellationToken.None);
        await _store.CreateSessionAsync(Session("c-oldest") with { OpensAt = T0 }, NewSalt(), CancellationToken.None);
        await _store.CreateSessionAsync(Session("a-newest") with { OpensAt = T0.AddDays(14) }, NewSalt(), CancellationToken.None);
        await _store.CreateSessionAsync(Session("other-team") with { InstallationKey = "19:other@thread.tacv2", OpensAt = T0.AddDays(20) }, NewSalt(), CancellationToken.None);
        await _store.CreateSessionAsync(Session("other-tenant") with { TenantId = OtherTenant, OpensAt = T0.AddDays(21) }, NewSalt(), CancellationToken.None);

        var listed = await ToListAsync(_store.ListSessionsAsync(Tenant, Team, CancellationToken.None));

        Assert.Equal(["a-newest", "b-middle", "c-oldest"], listed.Select(s => s.SessionId));
        Assert.All(listed, s => Assert.Equal(Tenant, s.TenantId));
    }

    [Fact]
    public async Task ListSessionsAsync_UnknownInstallation_ReturnsNothing()
    {
        await _store.CreateSessionAsync(Session("s-1"), NewSalt(), CancellationToken.None);

        Assert.Empty(await ToListAsync(_store.ListSessionsAsync(Tenant, "19:unknown@thread.tacv2", CancellationToken.None)));
    }

    [Fact]
    public async Task SaveNoteAsync_SameNoteIdTwice_KeepsOneRow()
    {
        var note = NewNote("s-1", "We ship before we agree on what done means.");

        await _store.SaveNoteAsync(note, CancellationToken.None);
        await _store.SaveNoteAsync(note with { StoredAt = T0.AddMinutes(5) }, CancellationToken.None);

        var notes = await ToListAsync(_store.ListNotesAsync(Tenant, "s-1", CancellationToken.None));
        Assert.Equal([note with { StoredAt = T0.AddMinutes(5) }], notes);
        Assert.Single(await ToListAsync(_storage.Table(TableNames.Notes).QueryAsync<TableEntity>()));
    }

    [Fact]
    public async Task ListNotesAsync_TwoSessions_ReturnsOnlyTheSessionAskedFor()
    {
        var first = NewNote("s-1", "first");
        var second = NewNote("s-1", "second");
        await _store.SaveNoteAsync(first, CancellationToken.None);
        await _store.SaveNoteAsync(second, CancellationToken.None);
        await _store.SaveNoteAsync(NewNote("s-2", "elsewhere"), CancellationToken.None);

        var notes = await ToListAsync(_store.ListNotesAsync(Tenant, "s-1", CancellationToken.None));

        Assert.Equal(
            new[] { first, second }.OrderBy(n => n.NoteId, StringComparer.Ordinal),
            notes.OrderBy(n => n.NoteId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListNotesAsync_SameSessionIdInTwoTenants_KeepsThemApart()
    {
        var mine = NewNote("s-1", "mine");
        var theirs = NewNote("s-1", "theirs") with { TenantId = OtherTenant };
        await _store.SaveNoteAsync(mine, CancellationToken.None);
        await _store.SaveNoteAsync(theirs, CancellationToken.None);

        Assert.Equal([mine], await ToListAsync(_store.ListNotesAsync(Tenant, "s-1", CancellationToken.None)));
        Assert.Equal([theirs], await ToListAsync(_store.ListNotesAsync(OtherTenant, "s-1", CancellationToken.None)));
    }

    [Fact]
    public async Task ListNotesAsync_PipeInTenantOrSession_CannotReachAnotherPairsNotes()
    {
        // Joined naively, ("a|b", "c") and ("a", "b|c") would both be "a|b|c".
        var first = NewNote("c", "first pair") with { TenantId = "a|b" };
        var second = NewNote("b|c", "second pair") with { TenantId = "a" };
        await _store.SaveNoteAsync(first, CancellationToken.None);
        await _store.SaveNoteAsync(second, CancellationToken.None);

        Assert.Equal([first], await ToListAsync(_store.ListNotesAsync("a|b", "c", CancellationToken.None)));
        Assert.Equal([second], await ToListAsync(_store.ListNotesAsync("a", "b|c", CancellationToken.None)));
    }

    [Fact]
    public async Task ListNotesAsync_NoNotes_ReturnsNothing()
    {
        await _store.SaveNoteAsync(NewNote("s-1", "text"), CancellationToken.None);

        Assert.Empty(await ToListAsync(_store.ListNotesAsync(Tenant, "s-2", CancellationToken.None)));
    }

    [Fact]
    public async Task SaveNoteAsync_Row_HoldsOnlyInstallationTextAndStorageTime()
    {
        await _store.SaveNoteAsync(NewNote("s-1", "text"), CancellationToken.None);

        var row = Assert.Single(await ToListAsync(_storage.Table(TableNames.Notes).QueryAsync<TableEntity>()));

        Assert.Equal(NoteIntakeTests.NoteColumns, DataColumns(row));
    }

    [Theory]
    [InlineData("tenant/with/slashes", "19:abc@thread.skype;messageid=1712345678901", "note/1")]
    [InlineData("tenant\\back", "key#with?query", "n#2")]
    [InlineData("it's 'quoted'", "a/b\\c#d?e%2Ff|g", "%7C")]
    [InlineData("ctrl\u0001tenant|", "ünï/cödé\tkey", "n?3")]
    public async Task Store_KeysWithForbiddenCharacters_RoundTrip(string tenantId, string sessionId, string noteId)
    {
        var session = Session(sessionId) with { TenantId = tenantId, InstallationKey = sessionId };
        var salt = NewSalt();
        var note = new Note(tenantId, sessionId, sessionId, noteId, "text", T0);

        await _store.CreateSessionAsync(session, salt, CancellationToken.None);
        await _store.SetActivityIdAsync(tenantId, sessionId, "activity", CancellationToken.None);
        await _store.SaveNoteAsync(note, CancellationToken.None);

        Assert.Equal(session with { ActivityId = "activity" }, await _store.GetSessionAsync(tenantId, sessionId, CancellationToken.None));
        Assert.Equal(salt, await _store.GetSaltAsync(tenantId, sessionId, CancellationToken.None));
        Assert.Equal([session with { ActivityId = "activity" }], await ToListAsync(_store.ListSessionsAsync(tenantId, sessionId, CancellationToken.None)));
        Assert.Equal([note], await ToListAsync(_store.ListNotesAsync(tenantId, sessionId, CancellationToken.None)));
        Assert.True(await _store.DeleteSaltAsync(tenantId, sessionId, CancellationToken.None));
    }

    /// <summary>The columns a row carries besides the keys, the service timestamp and the ETag.</summary>
    internal static string[] DataColumns(TableEntity row) =>
    [
        .. row.Keys
            .Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
            .Order(StringComparer.Ordinal),
    ];

    private static SpeakUpSession Session(string sessionId) => new()
    {
        TenantId = Tenant,
        SessionId = sessionId,
        InstallationKey = Team,
        PromptId = "unsaid-blocker",
        ConversationId = "19:general@thread.tacv2",
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        Threshold = 5,
        OpensAt = T0,
        ClosesAt = T0.AddDays(3),
    };

    private static Note NewNote(string sessionId, string text) =>
        new(Tenant, Team, sessionId, Guid.NewGuid().ToString("N"), text, T0);

    private static byte[] NewSalt() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
