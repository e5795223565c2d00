using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Installations;
using TrustBot.Core.SpeakUp;
using TrustBot.Storage.SpeakUp;
using TrustBot.Storage.Tables;
using TrustBot.Storage.Tests.Installations;

namespace TrustBot.Storage.Tests.SpeakUp;

/// <summary>The dispatcher and the intake worker against Azurite's real queues and tables.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class NoteIntakeTests(AzuriteServer azurite) : IAsyncLifetime
{
    internal static readonly string[] NoteColumns = ["InstallationKey", "StoredAt", "Text"];

    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string Team = "19:team@thread.tacv2";
    private static readonly DateTimeOffset T0 = new(2025, 3, 4, 9, 15, 30, TimeSpan.Zero);
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ShortVisibility = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _time = new(T0);
    private readonly RecordingLogger<NoteIntakeWorker> _workerLog = new();
    private SpeakUpTestStorage _storage = null!;
    private TableSpeakUpStore _store = null!;
    private QueueNoteDispatcher _dispatcher = null!;

    public async Task InitializeAsync()
    {
        _storage = await SpeakUpTestStorage.CreateAsync(azurite);
        _store = _storage.NewStore();
        _dispatcher = new QueueNoteDispatcher(_storage.Queues, NullLogger<QueueNoteDispatcher>.Instance);
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task DispatchAsync_NoDelay_DrainStoresTheNoteAndEmptiesTheQueue()
    {
        var pending = Pending("s-1", "Nobody says the roadmap is unrealistic.");
        await _dispatcher.DispatchAsync(pending, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(1, await Worker().DrainOnceAsync(CancellationToken.None));

        Assert.Equal([Stored(pending, T0)], await NotesAsync("s-1"));
        Assert.Equal(0, await SpeakUpTestStorage.CountAsync(_storage.Queues.Main));
        Assert.Equal(0, await SpeakUpTestStorage.CountAsync(_storage.Queues.Poison));
    }

    [Fact]
    public async Task DispatchAsync_TwoSecondDelay_InvisibleBeforeAndStoredAfter()
    {
        var pending = Pending("s-1", "Held back for two seconds.");
        var worker = Worker();
        await _dispatcher.DispatchAsync(pending, TimeSpan.FromSeconds(2), CancellationToken.None);

        Assert.Equal(0, await worker.DrainOnceAsync(CancellationToken.None));
        Assert.Empty(await NotesAsync("s-1"));
        Assert.Equal(1, await SpeakUpTestStorage.CountAsync(_storage.Queues.Main));

        await DrainUntilStoredAsync(worker, expected: 1);

        Assert.Equal([Stored(pending, T0)], await NotesAsync("s-1"));
        Assert.Equal(0, await SpeakUpTestStorage.CountAsync(_storage.Queues.Main));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DrainOnceAsync_AfterACrashBetweenReceiveAndDelete_StoresExactlyOneNote(bool savedBeforeCrash)
    {
        var pending = Pending("s-1", "Crash-safe.");
        await _dispatcher.DispatchAsync(pending, TimeSpan.Zero, CancellationToken.None);

        // What a worker does before it dies: receive (the message is now hidden), maybe store, never delete.
        QueueMessage[] received = await _storage.Queues.Main.ReceiveMessagesAsync(16, ShortVisibility);
        Assert.Single(received);
        if (savedBeforeCrash)
        {
            await _store.SaveNoteAsync(Stored(pending, T0.AddMinutes(-1)), CancellationToken.None);
        }

        var worker = Worker();
        Assert.Equal(0, await worker.DrainOnceAsync(CancellationToken.None));
        await DrainUntilStoredAsync(worker, expected: 1);

        Assert.Equal([Stored(pending, T0)], await NotesAsync("s-1"));
        Assert.Single(await _storage.ReadAllRowsAsync(), row => row.Table == TableNames.Notes);
        Assert.Equal(0, await SpeakUpTestStorage.CountAsync(_storage.Queues.Main));
        Assert.Equal(0, await SpeakUpTestStorage.CountAsync(_storage.Queues.Poison));
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("{\"tenantId\":\"t\",\"installationKey\":\"i\",\"sessionId\":\"s\",\"text\":\"no note id\"}")]
    [InlineData("{\"tenantId\":null,\"installationKey\":\"i\",\"sessionId\":\"s\",\"noteId\":\"n\",\"text\":\"x\"}")]
    [InlineData("{\"tenantId\":\" \",\"installationKey\":\"i\",\"sessionId\":\"s\",\"noteId\":\"n\",\"text\":\"x\"}")]
    [InlineData("null")]
    [InlineData("[1,2,3]")]
    public async Task DrainOnceAsync_MalformedMessage_MovesItToThePoisonQueue(string body)
    {
        var good = Pending("s-1", "The good one still gets through.");
        await _storage.Queues.Main.SendMessageAsync(body);
        await _dispatcher.DispatchAsync(good, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(1, await Worker().DrainOnceAsync(CancellationToken.None));

        Assert.Equal([Stored(good, T0)], await NotesAsync("s-1"));
        Assert.Equal(0, await SpeakUpTestStorage.CountAsync(_storage.Queues.Main));
        PeekedMessage poisoned = Assert.Single((await _storage.Queues.Poison.PeekMessagesAsync(32)).Value);
        Assert.Equal(body, poisoned.Body.ToString());
        Assert.Contains(_workerLog.Entries, e => e.Level == LogLevel.Warning && e.EventId.Id == 3213);
    }

    [Fact]
    public async Task DrainOnceAsync_MessageReceivedTooOften_MovesItToThePoisonQueue()
    {
        var pending = Pending("s-1", "Received twice, allowed once.");
        await _dispatcher.DispatchAsync(pending, TimeSpan.Zero, CancellationToken.None);
        await _storage.Queues.Main.ReceiveMessagesAsync(1, ShortVisibility);
        var worker = Worker(new NoteIntakeOptions { MaxDequeueCount = 1, VisibilityTimeout = ShortVisibility });

        await WaitUntilAsync(async () => await CountVisibleAsync() == 1);
        Assert.Equal(0, await worker.DrainOnceAsync(CancellationToken.None));

        Assert.Empty(await NotesAsync("s-1"));
        Assert.Equal(0, await SpeakUpTestStorage.CountAsync(_storage.Queues.Main));
        var poisoned = Assert.Single((await _storage.Queues.Poison.PeekMessagesAsync(32)).Value);
        Assert.Equal(pending, JsonSerializer.Deserialize(poisoned.Body.ToString(), SpeakUpQueueJsonContext.Default.PendingNote));
    }

    [Fact]
    public async Task DrainOnceAsync_StoreFailsOnce_KeepsTheMessageAndStoresItOnALaterPass()
    {
        var pending = Pending("s-1", "Secret words that must not reach a log.");
        await _dispatcher.DispatchAsync(pending, TimeSpan.Zero, CancellationToken.None);
        var calls = 0;
        var flaky = new Mock<ISpeakUpStore>();
        flaky.Setup(s => s.SaveNoteAsync(It.IsAny<Note>(), It.IsAny<CancellationToken>()))
            .Returns((Note note, CancellationToken token) => Interlocked.Increment(ref calls) == 1
                ? throw new Azure.RequestFailedException(503, $"Server busy for {note.TenantId}/{note.SessionId}")
                : _store.SaveNoteAsync(note, token));
        var worker = Worker(new NoteIntakeOptions { VisibilityTimeout = ShortVisibility }, flaky.Object);

        Assert.Equal(0, await worker.DrainOnceAsync(CancellationToken.None));
        Assert.Empty(await NotesAsync("s-1"));
        Assert.Equal(1, await SpeakUpTestStorage.CountAsync(_storage.Queues.Main));

        await DrainUntilStoredAsync(worker, expected: 1);

        Assert.Equal(2, calls);
        Assert.Equal([Stored(pending, T0)], await NotesAsync("s-1"));
        Assert.Equal(0, await SpeakUpTestStorage.CountAsync(_storage.Queues.Main));
        Assert.Contains(_workerLog.Entries, e => e.Level == LogLevel.Warning && e.EventId.Id == 3212);
        AssertLogsRevealNothing(pending);
    }

    [Fact]
    public async Task DrainOnceAsync_MoreNotesThanOneBatch_StoresThemAllInOnePass()
    {
        var notes = Enumerable.Range(0, 10).Select(i => Pending("s-1", $"note {i}")).ToList();
        foreach (var note in notes)
        {
            await _dispatcher.DispatchAsync(note, TimeSpan.Zero, CancellationToken.None);
        }

        Assert.Equal(10, await Worker(new NoteIntakeOptions { BatchSize = 4 }).DrainOnceAsync(CancellationToken.None));

        Assert.Equal(
            notes.Select(n => Stored(n, T0)).OrderBy(n => n.NoteId, StringComparer.Ordinal),
            (await NotesAsync("s-1")).OrderBy(n => n.NoteId, StringComparer.Ordinal));
        Assert.Equal(0, await SpeakUpTestStorage.CountAsync(_storage.Queues.Main));
    }

    [Fact]
    public async Task DrainOnceAsync_SameNoteQueuedTwice_StoresOneRow()
    {
        var pending = Pending("s-1", "Delivered twice.");
        await _dispatcher.DispatchAsync(pending, TimeSpan.Zero, CancellationToken.None);
        await _dispatcher.DispatchAsync(pending, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(2, await Worker().DrainOnceAsync(CancellationToken.None));

        Assert.Equal([Stored(pending, T0)], await NotesAsync("s-1"));
    }

    [Fact]
    public async Task DispatchAsync_DelayBeyondWhatTheQueueAllows_IsClampedAndAccepted()
    {
        await _dispatcher.DispatchAsync(Pending("s-1", "far future"), TimeSpan.FromDays(30), CancellationToken.None);
        await _dispatcher.DispatchAsync(Pending("s-1", "past"), TimeSpan.FromSeconds(-5), CancellationToken.None);

        Assert.Equal(2, await SpeakUpTestStorage.CountAsync(_storage.Queues.Main));
        Assert.Equal(1, await CountVisibleAsync());
    }

    [Fact]
    public async Task ExecuteAsync_Running_StoresDispatchedNotesAndSurvivesAFailingTick()
    {
        var pending = Pending("s-1", "Through the hosted loop.");
        var calls = 0;
        var flaky = new Mock<ISpeakUpStore>();
        flaky.Setup(s => s.SaveNoteAsync(It.IsAny<Note>(), It.IsAny<CancellationToken>()))
            .Returns((Note note, CancellationToken token) =>
                Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("boom") : _store.SaveNoteAsync(note, token));
        var options = new NoteIntakeOptions { PollInterval = TimeSpan.FromMilliseconds(100), VisibilityTimeout = ShortVisibility };
        using var worker = new NoteIntakeWorker(_storage.Queues, flaky.Object, EveryTeamInstalled(), Options.Create(options), TimeProvider.System, _workerLog);

        await worker.StartAsync(CancellationToken.None);
        try
        {
            await _dispatcher.DispatchAsync(pending, TimeSpan.Zero, CancellationToken.None);
            await WaitUntilAsync(async () => (await NotesAsync("s-1")).Count == 1);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }

        Assert.Equal(2, calls);
        Assert.Equal(pending.NoteId, Assert.Single(await NotesAsync("s-1")).NoteId);
        await WaitUntilAsync(async () => await SpeakUpTestStorage.CountAsync(_storage.Queues.Main) == 0);
        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully || worker.ExecuteTask.IsCanceled);
    }

    [Fact]
    public async Task AfterARun_NoQueueMessageOrRowHoldsAnythingButTheNoteFields()
    {
        var session = new SpeakUpSession
        {
            TenantId = Tenant,
            SessionId = "s-1",
            InstallationKey = Team,
            PromptId = "unsaid-blocker",
            ConversationId = "19:general@thread.tacv2",
            ServiceUrl = "https://smba.trafficmanager.net/emea/",
            Threshold = 5,
            OpensAt = T0,
            ClosesAt = T0.AddDays(3),
        };
        await _store.CreateSessionAsync(session, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), CancellationToken.None);
        await _dispatcher.DispatchAsync(Pending("s-1", "stored one"), TimeSpan.Zero, CancellationToken.None);
        await _dispatcher.DispatchAsync(Pending("s-1", "stored two"), TimeSpan.Zero, CancellationToken.None);
        await _storage.Queues.Main.SendMessageAsync("{\"broken\":");
        await Worker().DrainOnceAsync(CancellationToken.None);
        await _dispatcher.DispatchAsync(Pending("s-1", "still queued"), TimeSpan.Zero, CancellationToken.None);

        var messages = new List<PeekedMessage>();
        foreach (var queue in _storage.Queues.All)
        {
            messages.AddRange((await queue.PeekMessagesAsync(32)).Value);
        }

        var rows = await _storage.ReadAllRowsAsync();

        Assert.Equal(2, messages.Count);
        foreach (var message in messages.Where(m => m.Body.ToString().StartsWith("{\"tenantId\"", StringComparison.Ordinal)))
        {
            using var json = JsonDocument.Parse(message.Body.ToString());
            Assert.Equal(
                ["installationKey", "noteId", "sessionId", "tenantId", "text"],
                json.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        }

        Assert.Equal(5, rows.Count);
        Assert.All(rows.Where(r => r.Table == TableNames.Notes), r => Assert.Equal(NoteColumns, TableSpeakUpStoreTests.DataColumns(r.Row)));
        Assert.Equal(["ClosesAt", "Salt"], TableSpeakUpStoreTests.DataColumns(Assert.Single(rows, r => r.Table == TableNames.SpeakUpSalts).Row));
        var columns = rows.SelectMany(r => r.Row.Keys).Concat(messages.SelectMany(JsonNames)).Distinct().ToList();
        Assert.DoesNotContain(columns, name => IdentityWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase)));
    }

    private static readonly string[] IdentityWords = ["user", "aad", "objectid", "name", "mail", "upn", "from", "author"];

    private static IEnumerable<string> JsonNames(PeekedMessage message)
    {
        try
        {
            using var json = JsonDocument.Parse(message.Body.ToString());
            return json.RootElement.ValueKind == JsonValueKind.Object
                ? [.. json.RootElement.EnumerateObject().Select(p => p.Name)]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private NoteIntakeWorker Worker(NoteIntakeOptions? options = null, ISpeakUpStore? store = null) =>
        new(_storage.Queues, store ?? _store, EveryTeamInstalled(), Options.Create(options ?? new NoteIntakeOptions()), _time, _workerLog);

    /// <summary>These tests are about the queue, not about erased teams: every note's team is there.</summary>
    internal static IInstallationStore EveryTeamInstalled()
    {
        var installations = new Mock<IInstallationStore>();
        installations.Setup(s => s.GetAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string tenantId, string key, CancellationToken _) => SampleInstallations.Channel(tenantId, key, T0));
        return installations.Object;
    }

    private static async Task DrainUntilStoredAsync(NoteIntakeWorker worker, int expected)
    {
        var stored = 0;
        await WaitUntilAsync(async () =>
        {
            stored += await worker.DrainOnceAsync(CancellationToken.None);
            return stored >= expected;
        });
        Assert.Equal(expected, stored);
    }

    private async Task<int> CountVisibleAsync() => (await _storage.Queues.Main.PeekMessagesAsync(32)).Value.Length;

    private async Task<List<Note>> NotesAsync(string sessionId)
    {
        var notes = new List<Note>();
        await foreach (var note in _store.ListNotesAsync(Tenant, sessionId, CancellationToken.None))
        {
            notes.Add(note);
        }

        return notes;
    }

    private void AssertLogsRevealNothing(PendingNote pending)
    {
        var logged = _workerLog.AboveDebug();
        Assert.NotEmpty(logged);
        foreach (var secret in new[] { pending.Text, pending.TenantId, pending.SessionId, pending.NoteId, pending.InstallationKey })
        {
            Assert.DoesNotContain(secret, logged, StringComparison.Ordinal);
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = TimeProvider.System.GetUtcNow() + WaitLimit;
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"the condition did not hold within {WaitLimit}");
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }
    }

    private static PendingNote Pending(string sessionId, string text) =>
        new(Tenant, Team, sessionId, Guid.NewGuid().ToString("N"), text);

    private static Note Stored(PendingNote pending, DateTimeOffset storedAt) =>
        new(pending.TenantId, pending.InstallationKey, pending.SessionId, pending.NoteId, pending.Text, storedAt);
}
