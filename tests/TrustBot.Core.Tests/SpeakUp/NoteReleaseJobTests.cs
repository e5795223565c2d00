using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.Delivery;
using TrustBot.Core.Scheduling;
using TrustBot.Core.SpeakUp;
using TrustBot.Core.Tests.Fakes;

namespace TrustBot.Core.Tests.SpeakUp;

/// <summary>
/// The release job as the scheduler drives it: one run per due occurrence, each next occurrence at the due time the
/// previous run gave. The session has k = 3 and closes three days after <see cref="Now"/>.
/// </summary>
public sealed class NoteReleaseJobTests
{
    private const int K = 3;
    private static readonly DateTimeOffset Now = new(2025, 3, 11, 9, 0, 0, TimeSpan.Zero);
    private static readonly SpeakUpOptions Settings = new()
    {
        MaxDelay = TimeSpan.FromMinutes(30),
        ReleaseInterval = TimeSpan.FromMinutes(10),
        ReleaseSettle = TimeSpan.FromMinutes(20),
    };

    private readonly InMemorySpeakUpStore _store = new();
    private readonly InMemoryInstallationStore _installations = new();
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly RecordingLogger<NoteReleaseJob> _logger = new();
    private readonly SpeakUpSession _session = SpeakUpCloseJobTests.Session("s-1", Now.AddDays(3));
    private DateTimeOffset _due = Now;
    private int _noteCount;

    [Fact]
    public async Task NoteByNote_EveryViewChangesOnlyByGroupsOfAtLeastKAndTheRestComesAtTheFinalRelease()
    {
        await SeedAsync(shareNotes: true);
        var sent = new List<OutboundSend>();
        var released = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            await AddNoteAsync();
            _clock.Advance(Settings.ReleaseInterval);
            sent.AddRange((await RunAsync()).Sends);

            var now = await ReleasedIdsAsync();
            Assert.True(now.Count == released.Count || now.Count - released.Count >= K, $"after note {i + 1}: {released.Count} → {now.Count}");
            Assert.Superset(released.ToHashSet(), now.ToHashSet());
            released = now;
        }

        Assert.Equal(6, released.Count);
        Assert.Equal([1, 2], (await ReleasesAsync()).Keys.Order());

        _clock.SetUtcNow(NoteReleasePolicy.FinalReleaseAt(_session, Settings));
        sent.AddRange((await RunAsync()).Sends);

        var groups = await ReleasesAsync();
        Assert.Equal([K, K, 2], groups.OrderBy(g => g.Key).Select(g => g.Value.Count));
        Assert.All(groups.Values, notes => Assert.Single(notes.Select(n => n.ReleasedAt).Distinct()));
        Assert.Equal(8, groups.Values.Sum(g => g.Count));
        // Each group is handed to the outbox once, however many runs there were.
        Assert.Equal(
            [NoteReleases.Post(_session, 1, 0).IdempotencyKey, NoteReleases.Post(_session, 2, 0).IdempotencyKey, NoteReleases.Post(_session, 3, 0).IdempotencyKey],
            sent.Select(s => s.IdempotencyKey));
    }

    [Fact]
    public async Task Run_AGroupOfKLandsWithinOneInterval_ReleasesItWholeUnderOneNumberAndTime()
    {
        await SeedAsync(shareNotes: true);
        for (var i = 0; i < 4; i++)
        {
            await AddNoteAsync();
        }

        var run = await RunAsync();

        var group = Assert.Single(await ReleasesAsync());
        Assert.Equal(4, group.Value.Count);
        Assert.All(group.Value, n => Assert.Equal(Now, n.ReleasedAt));
        Assert.Equal(NoteReleases.Post(_session, 1, 0), Assert.Single(run.Sends));
        Assert.Equal(Now + Settings.ReleaseInterval, run.NextDueAt);
    }

    [Fact]
    public async Task Run_SameOccurrenceAgain_HandsTheSamePostOverAgain_ALaterOccurrenceDoesNot()
    {
        await SeedAsync(shareNotes: true);
        for (var i = 0; i < K; i++)
        {
            await AddNoteAsync();
        }

        var job = Job();
        var occurrence = Entry(Now);
        var first = await job.RunAsync(occurrence, CancellationToken.None);
        // The scheduler crashed before queuing: the same occurrence is run again.
        var again = await job.RunAsync(occurrence, CancellationToken.None);
        _clock.Advance(Settings.ReleaseInterval);
        var next = await job.RunAsync(Entry(first.NextDueAt!.Value), CancellationToken.None);

        Assert.Equal(first.Sends, again.Sends);
        Assert.Single(first.Sends);
        Assert.Empty(next.Sends);
        Assert.Single(await ReleasesAsync());
    }

    [Fact]
    public async Task Run_TeamDoesNotShareInItsChannel_ReleasesButPostsNothing()
    {
        await SeedAsync(shareNotes: false);
        for (var i = 0; i < K; i++)
        {
            await AddNoteAsync();
        }

        var run = await RunAsync();

        Assert.Empty(run.Sends);
        Assert.Equal(K, (await ReleasedIdsAsync()).Count);
    }

    [Fact]
    public async Task Run_FewerThanKInAll_NeverReleasesAnything_AndEndsAfterTheLateWatchSayingHowManyWereHeld()
    {
        await SeedAsync(shareNotes: true);
        await AddNoteAsync();
        await AddNoteAsync();

        _clock.SetUtcNow(NoteReleasePolicy.FinalReleaseAt(_session, Settings));
        var final = await RunAsync();
        _clock.SetUtcNow(NoteReleasePolicy.WatchUntil(_session, Settings));
        var last = await RunAsync();

        Assert.Empty(await ReleasedIdsAsync());
        Assert.Empty(final.Sends.Concat(last.Sends));
        Assert.NotNull(final.NextDueAt);
        Assert.Null(last.NextDueAt);
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Information && e.EventId.Id == 2252 && e.Message.Contains("2 notes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_ANoteLandsAfterTheFinalRelease_IsReleasedAsPartOfTheRestBeforeTheWatchEnds()
    {
        await SeedAsync(shareNotes: true);
        for (var i = 0; i < K; i++)
        {
            await AddNoteAsync();
        }

        _clock.SetUtcNow(NoteReleasePolicy.FinalReleaseAt(_session, Settings));
        await RunAsync();
        await AddNoteAsync();
        _clock.Advance(Settings.ReleaseInterval);
        var late = await RunAsync();

        Assert.Equal([K, 1], (await ReleasesAsync()).OrderBy(g => g.Key).Select(g => g.Value.Count));
        Assert.Equal(NoteReleases.Post(_session, 2, 0), Assert.Single(late.Sends));
    }

    [Fact]
    public async Task Run_ShortlyBeforeTheFinalRelease_ComesBackExactlyAtIt()
    {
        await SeedAsync(shareNotes: true);
        var finalAt = NoteReleasePolicy.FinalReleaseAt(_session, Settings);
        _clock.SetUtcNow(finalAt - TimeSpan.FromMinutes(3));

        Assert.Equal(finalAt, (await RunAsync()).NextDueAt);
    }

    [Theory]
    [InlineData("s-missing", TestIds.TeamId)]
    [InlineData("s-1", "19:another-team@thread.tacv2")]
    public async Task Run_SessionGoneOrOfAnotherTeam_EndsTheJobAndTouchesNothing(string sessionId, string installationKey)
    {
        await SeedAsync(shareNotes: true);
        for (var i = 0; i < K; i++)
        {
            await AddNoteAsync();
        }

        var run = await Job().RunAsync(
            new TimetableEntry(TestIds.TenantId, installationKey, NoteReleases.JobName(sessionId), Now), CancellationToken.None);

        Assert.Empty(run.Sends);
        Assert.Null(run.NextDueAt);
        Assert.Equal(0, _store.CommitCalls);
    }

    [Fact]
    public async Task Run_Any_LogsNoNoteTextOrIds()
    {
        await SeedAsync(shareNotes: true);
        for (var i = 0; i < 5; i++)
        {
            await AddNoteAsync();
        }

        await RunAsync();
        _clock.SetUtcNow(NoteReleasePolicy.WatchUntil(_session, Settings));
        await RunAsync();

        Assert.NotEmpty(_logger.Entries);
        string[] secrets = ["s-1", "n-", "Note text", TestIds.TenantId, TestIds.TeamId, TestIds.ChosenChannelId];
        Assert.DoesNotContain(_logger.Entries, e => secrets.Any(s => e.Message.Contains(s, StringComparison.Ordinal)));
    }

    private NoteReleaseJob Job() =>
        new(_store, _installations, Microsoft.Extensions.Options.Options.Create(Settings), _clock, _logger);

    private static TimetableEntry Entry(DateTimeOffset dueAt) => new(TestIds.TenantId, TestIds.TeamId, NoteReleases.JobName("s-1"), dueAt);

    /// <summary>Runs the occurrence due now, as the scheduler would, and moves the due time on as it would.</summary>
    private async Task<JobRun> RunAsync()
    {
        var run = await Job().RunAsync(Entry(_due), CancellationToken.None);
        _due = run.NextDueAt ?? _due;
        return run;
    }

    private async Task SeedAsync(bool shareNotes)
    {
        _installations.Seed(TestTeams.InstalledAt(Now.AddDays(-30)) with { ShareNotesInChannel = shareNotes });
        await _store.CreateSessionAsync(_session, [1, 2, 3], CancellationToken.None);
    }

    private Task AddNoteAsync()
    {
        var n = _noteCount++;
        return _store.SaveNoteAsync(new Note(TestIds.TenantId, TestIds.TeamId, "s-1", $"n-{n}", $"Note text {n}", _clock.GetUtcNow()), CancellationToken.None);
    }

    private async Task<List<string>> ReleasedIdsAsync() =>
        [.. (await _store.ListNotesAsync(TestIds.TenantId, "s-1", CancellationToken.None).ToListAsync()).Where(n => n.IsReleased).Select(n => n.NoteId)];

    private async Task<Dictionary<int, List<Note>>> ReleasesAsync() =>
        (await _store.ListNotesAsync(TestIds.TenantId, "s-1", CancellationToken.None).ToListAsync())
            .Where(n => n.IsReleased)
            .GroupBy(n => n.Release!.Value)
            .ToDictionary(g => g.Key, g => g.ToList());
}
