using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Delivery;
using TrustBot.Core.Digests;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Core.Nudges;
using TrustBot.Core.Retention;
using TrustBot.Core.Scheduling;
using TrustBot.Core.SpeakUp;
using TrustBot.Storage.Anonymity;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Tables;
using TrustBot.Storage.Tests.Installations;

namespace TrustBot.Storage.Tests.Retention;

/// <summary>
/// Every table under a fresh prefix, the real stores over them (as the host registers them), a fake clock, and a way
/// to seed one team with a row in every table it can have rows in and to find every row that mentions it afterwards.
/// </summary>
internal sealed class RetentionTestStorage : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly IHost _host;

    private RetentionTestStorage(IHost host, StorageOptions options, TableServiceClient tables, FakeTimeProvider clock)
    {
        _host = host;
        Options = options;
        Tables = tables;
        Clock = clock;
    }

    public StorageOptions Options { get; }

    public TableServiceClient Tables { get; }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _host.Services;

    public IRetentionStore Retention => Get<IRetentionStore>();

    public IInstallationStore Installations => Get<IInstallationStore>();

    public static async Task<RetentionTestStorage> CreateAsync(AzuriteServer azurite)
    {
        var options = azurite.NewOptions();
        var tables = await AzuriteServer.CreateTablesAsync(options);
        var clock = new FakeTimeProvider(Start);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = options.ConnectionString,
            ["Storage:TablePrefix"] = options.TablePrefix,
            ["Ballots:FoldInterval"] = "00:00:01",
        });
        builder.Services.AddLogging();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddTrustBotStorage();
        var host = builder.Build();
        // The host is never started, so the queue its start-up would create is created here.
        await host.Services.GetRequiredService<TrustBot.Storage.Anonymity.PendingBallotQueue>().Client.CreateIfNotExistsAsync();
        return new RetentionTestStorage(host, options, tables, clock);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// Seeded ballots fold in any group (k = 1): these tests are about what erasure deletes, and polling folds may
    /// catch a box's ballots a few at a time, unlike the host's fold service, which runs after each fold time.
    /// </summary>
    private static BallotTerms SeedTerms(DateTimeOffset closesAt) => new(1, closesAt);

    /// <summary>Folds until the box publishes <paramref name="replies"/> replies, as the host's fold would within a second here.</summary>
    private async Task FoldAsync(string tenantId, string boxId, int replies)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while ((await Get<IBallotBox>().GetTallyAsync(tenantId, boxId, CancellationToken.None)).Replies < replies)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The seeded ballots were not folded in time.");
            await Task.Delay(100);
            await Get<IBallotFolder>().FoldDueAsync(CancellationToken.None);
        }
    }

    /// <summary>The sweep of Core over the real store, with default retention settings unless given.</summary>
    public RetentionSweep Sweep(RetentionOptions? settings = null) =>
        new(Retention, Microsoft.Extensions.Options.Options.Create(settings ?? new RetentionOptions()), Clock, NullLogger<RetentionSweep>.Instance);

    /// <summary>
    /// Installs a team and gives it a row in every table: two check-ins (one closed, one open) with votes, a speak-up
    /// session with a participation and notes stored <paramref name="noteAges"/> ago, two leaders with nudges and a
    /// prediction, timetable entries, and the idempotency, dead-letter and lease rows its sends leave behind.
    /// </summary>
    public async Task<SeededTeam> SeedTeamAsync(string tenantId, string teamKey, params TimeSpan[] noteAges)
    {
        var none = CancellationToken.None;
        var now = Clock.GetUtcNow();
        var team = new SeededTeam(tenantId, teamKey);
        await Installations.ActivateAsync(SampleInstallations.Channel(tenantId, teamKey, now), none);

        var checkIns = Get<ICheckInStore>();
        var ballots = Get<IBallotBox>();
        foreach (var open in new[] { false, true })
        {
            var checkIn = new CheckIn
            {
                TenantId = tenantId,
                CheckInId = Guid.NewGuid().ToString("N"),
                InstallationKey = teamKey,
                ConversationId = teamKey,
                ServiceUrl = "https://smba.trafficmanager.net/emea/",
                StatementIds = ["ps1", "ps2"],
                Threshold = 3,
                OpensAt = now - TimeSpan.FromDays(open ? 1 : 10),
                ClosesAt = now + TimeSpan.FromDays(open ? 2 : -7),
            };
            await checkIns.CreateAsync(checkIn, RandomNumberGenerator.GetBytes(32), none);
            for (var voter = 0; voter < 3; voter++)
            {
                await ballots.CastAsync(tenantId, checkIn.CheckInId, Hash(checkIn.CheckInId + voter), new Dictionary<string, int> { ["ps1"] = 5, ["ps2"] = 2 }, SeedTerms(checkIn.ClosesAt), none);
            }

            await FoldAsync(tenantId, checkIn.CheckInId, 3);
            if (!open)
            {
                await checkIns.CloseAsync(tenantId, checkIn.CheckInId, now - TimeSpan.FromDays(7), none);
            }

            // Its close in the timetable and its shared card's refreshes, whose keys name the team.
            await Get<ITimetable>().SetAsync(CheckInCloseJob.EntryFor(checkIn), none);
            var refresh = open ? SharedCards.AfterFold(checkIn, now) : SharedCards.AtClose(checkIn);
            await Get<IIdempotencyStore>().TryBeginAsync(refresh.IdempotencyKey, none);

            team.ItemIds.Add(checkIn.CheckInId);
        }

        var speakUp = Get<ISpeakUpStore>();
        var session = new SpeakUpSessionSeed(tenantId, teamKey, now).Session;
        await speakUp.CreateSessionAsync(session, RandomNumberGenerator.GetBytes(32), none);
        await ballots.CastAsync(tenantId, session.SessionId, Hash(session.SessionId), new Dictionary<string, int>(), SeedTerms(session.ClosesAt), none);
        await Get<ITimetable>().SetAsync(SpeakUpCloseJob.EntryFor(session), none);
        await Get<IIdempotencyStore>().TryBeginAsync(SpeakUpCardSender.ClosedView(session).IdempotencyKey, none);
        team.ItemIds.Add(session.SessionId);
        team.SessionId = session.SessionId;
        foreach (var age in noteAges)
        {
            var noteId = Guid.NewGuid().ToString("N");
            await speakUp.SaveNoteAsync(new Note(tenantId, teamKey, session.SessionId, noteId, "We should talk about deadlines.", now - age), none);
            team.NoteIds.Add(noteId);
        }

        var leaders = Get<ILeaderStore>();
        var nudges = Get<INudgeStore>();
        var timetable = Get<ITimetable>();
        foreach (var name in new[] { "ada", "grace" })
        {
            var userId = $"29:1{name}{Guid.NewGuid():N}";
            var leader = new Leader
            {
                TenantId = tenantId,
                TeamKey = teamKey,
                UserId = userId,
                Name = name,
                ServiceUrl = "https://smba.trafficmanager.net/emea/",
                BotId = "28:00000000-0000-0000-0000-000000000b07",
                ChatConversationId = "a:1chat" + name,
                AddedAt = now,
            };
            await leaders.AddAsync(leader, none);
            await Get<IIdempotencyStore>().TryBeginAsync(LeaderIntroductions.KeyFor(leader), none);
            var nudgeId = Guid.NewGuid().ToString("N");
            await nudges.SaveAsync(new NudgeRecord(tenantId, teamKey, userId, nudgeId, "habit-1", now - TimeSpan.FromDays(3)), none);
            await Get<IPredictionStore>().SaveAsync(tenantId, teamKey, userId, 70, now - TimeSpan.FromDays(2), madeBeforeResults: true, none);

            var nudgeEntry = new TimetableEntry(tenantId, teamKey, JobNames.For(JobNames.Nudge, userId), now + TimeSpan.FromDays(4));
            await timetable.SetAsync(nudgeEntry, none);
            await Get<IIdempotencyStore>().TryBeginAsync(NudgeJob.KeyPrefix + nudgeEntry.OccurrenceKey, none);
            await Get<IIdempotencyStore>().TryBeginAsync(NudgeActionHandler.RemindKeyPrefix + nudgeId, none);
            await Get<IDeadLetterLog>().RecordAsync("digest:" + nudgeEntry.OccurrenceKey + ":" + userId, OutboundKinds.Digest, "gone", none);
            await Get<ILeaseStore>().TryAcquireAsync("occurrence:" + nudgeEntry.OccurrenceKey, "host-1", TimeSpan.FromMinutes(5), none);
            team.ItemIds.Add(nudgeId);
        }

        await timetable.SetAsync(new TimetableEntry(tenantId, teamKey, JobNames.CheckIn, now + TimeSpan.FromDays(5)), none);
        await Get<Core.Launching.ILaunchCounter>().TryReserveAsync(tenantId, teamKey, DateOnly.FromDateTime(now.UtcDateTime), 3, none);
        await Get<IIdempotencyStore>().TryBeginAsync("reminder:" + team.ItemIds[1] + ":" + Hash("member"), none);
        return team;
    }

    /// <summary>Every row, in every table, whose keys or text columns mention the team's key or one of its ids.</summary>
    public async Task<List<string>> RowsOfAsync(SeededTeam team)
    {
        var markers = new List<string> { team.TeamKey, TableKeys.Escape(team.TeamKey), CompositeKey.Part(team.TeamKey) };
        markers.AddRange(team.ItemIds);
        markers.AddRange(team.NoteIds);
        var found = new List<string>();
        foreach (var (table, row) in await AllRowsAsync())
        {
            var texts = row.Select(pair => pair.Value).OfType<string>().Append(row.PartitionKey).Append(row.RowKey);
            if (texts.Any(text => markers.Any(marker => text.Contains(marker, StringComparison.Ordinal))))
            {
                found.Add($"{table}: {row.PartitionKey} / {row.RowKey}");
            }
        }

        return found;
    }

    /// <summary>Every row of every table, as (base table name, row).</summary>
    public async Task<List<(string Table, TableEntity Row)>> AllRowsAsync()
    {
        var rows = new List<(string, TableEntity)>();
        foreach (var name in TableNames.All)
        {
            await foreach (var row in Tables.GetTableClient(Options.TableName(name)).QueryAsync<TableEntity>())
            {
                rows.Add((name, row));
            }
        }

        return rows;
    }

    public TableClient Table(string name) => Tables.GetTableClient(Options.TableName(name));

    public static string Hash(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        foreach (var name in TableNames.All)
        {
            await Tables.DeleteTableAsync(Options.TableName(name));
        }
    }
}
