using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.Delivery;
using TrustBot.Core.Messaging;
using TrustBot.Core.Scheduling;
using TrustBot.Storage.Tests.Delivery;
using OptionsFactory = Microsoft.Extensions.Options.Options;

namespace TrustBot.Storage.Tests.Scheduling;

/// <summary>The scheduler tick and the outbox worker over the real tables and queue, with two instances of each racing.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class DeliveryEngineTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string FanOut = "fanout";
    private const int Teams = 12;
    private const int SendsPerTeam = 3;
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(T0);
    private readonly CountingHandler _handler = new();
    private DeliveryTestStorage _storage = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _storage = await DeliveryTestStorage.CreateAsync(azurite);
        _services = new ServiceCollection()
            .AddSingleton<IScheduledJob>(new FanOutJob())
            .AddSingleton<IOutboundHandler>(_handler)
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task TwoTicksAndTwoWorkers_WithDuplicateCopiesQueued_SendEveryKeyExactlyOnce()
    {
        var timetable = TableTimetableTests.NewTimetable(_storage);
        for (var team = 0; team < Teams; team++)
        {
            await timetable.SetAsync(new TimetableEntry("tenant", $"19:team{team}@thread.tacv2", FanOut, T0), CancellationToken.None);
        }

        var ran = await Task.WhenAll(NewTick("a").RunDueAsync(CancellationToken.None), NewTick("b").RunDueAsync(CancellationToken.None));
        // The tenant's entries are claimed in one batch, by one tick or the other, never by both.
        Assert.Equal(Teams, ran.Sum());

        // A second copy of every send, as a producer that crashed after queuing (and was rerun) would leave.
        var outbox = _storage.NewOutbox();
        for (var team = 0; team < Teams; team++)
        {
            var entry = new TimetableEntry("tenant", $"19:team{team}@thread.tacv2", FanOut, T0);
            foreach (var send in FanOutJob.SendsOf(entry))
            {
                await outbox.EnqueueAsync(send, null, CancellationToken.None);
            }
        }

        await DrainWithTwoWorkersAsync();

        Assert.Equal(Teams * SendsPerTeam, _handler.Counts.Count);
        Assert.All(_handler.Counts, pair => Assert.Equal(1, pair.Value));
        var idempotency = _storage.NewIdempotencyStore(_time);
        foreach (var key in _handler.Counts.Keys)
        {
            Assert.Equal(IdempotencyStates.Done, (await idempotency.GetAsync(key, CancellationToken.None))!.State);
        }

        Assert.Empty(await timetable.ListDueAsync(T0.AddDays(6), 100, CancellationToken.None));
        Assert.Equal(Teams, (await timetable.ListDueAsync(T0.AddDays(7), 100, CancellationToken.None)).Count);
    }

    private async Task DrainWithTwoWorkersAsync()
    {
        var workers = new[] { NewWorker("a"), NewWorker("b") };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var handled = await Task.WhenAll(workers.Select(w => w.DrainOnceAsync(CancellationToken.None)));
            if (handled.Sum() > 0)
            {
                continue;
            }

            // Copies left while another worker held their send come back after the visibility timeout.
            var properties = await _storage.Queue.Client.GetPropertiesAsync();
            if (properties.Value.ApproximateMessagesCount == 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        Assert.Fail("The outbox did not drain within a minute.");
    }

    private SchedulerTick NewTick(string instance) => new(
        TableTimetableTests.NewTimetable(_storage),
        _storage.NewOutbox(),
        _services.GetRequiredService<IServiceScopeFactory>(),
        new DeliveryInstance(instance),
        OptionsFactory.Create(new DeliveryOptions()),
        _time,
        NullLogger<SchedulerTick>.Instance);

    private OutboxWorker NewWorker(string instance) => new(
        _storage.NewOutbox(),
        _storage.NewIdempotencyStore(_time),
        _storage.NewDeadLetterLog(_time),
        _services.GetRequiredService<IServiceScopeFactory>(),
        new DeliveryInstance(instance),
        OptionsFactory.Create(new DeliveryOptions { Visibility = TimeSpan.FromSeconds(1), SendSectionTimeout = TimeSpan.FromMilliseconds(900), Concurrency = 8 }),
        _time,
        NullLogger<OutboxWorker>.Instance);

    private sealed class FanOutJob : IScheduledJob
    {
        public string Kind => FanOut;

        public static List<OutboundSend> SendsOf(TimetableEntry entry) => Enumerable.Range(0, SendsPerTeam)
            .Select(i => new OutboundSend($"{FanOut}:{entry.OccurrenceKey}:{i}", FanOut, entry.TenantId, entry.InstallationKey, $"29:member{i}", "{}"))
            .ToList();

        public Task<JobRun> RunAsync(TimetableEntry entry, CancellationToken cancellationToken) =>
            Task.FromResult(new JobRun(SendsOf(entry), entry.DueAt.AddDays(7)));
    }

    private sealed class CountingHandler : IOutboundHandler
    {
        public ConcurrentDictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

        public string Kind => FanOut;

        public async Task<DeliveryResult> SendAsync(OutboundSend send, CancellationToken cancellationToken)
        {
            Counts.AddOrUpdate(send.IdempotencyKey, 1, (_, count) => count + 1);
            // Long enough that the other worker often holds a copy of a send that is under way.
            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
            return new DeliveryResult(DeliveryOutcome.Delivered, "activity-" + send.IdempotencyKey.Length);
        }
    }
}
