using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Delivery;
using TrustBot.Core.Scheduling;
using TrustBot.Web.Hosting;
using OptionsFactory = Microsoft.Extensions.Options.Options;

namespace TrustBot.Web.Tests.Hosting;

public sealed class SchedulerServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ATickThatTookAWholeBatch_IsFollowedAtOnceByAnother_UntilOneTakesLess()
    {
        // Three batches' worth are due: 2, 2 and 1 with a batch of 2; the clock never moves, so no poll interval passes.
        var options = new DeliveryOptions { TickBatch = 2, PollInterval = TimeSpan.FromHours(1) };
        var timetable = new Mock<ITimetable>();
        var claims = new Queue<int>([2, 2, 1]);
        var claimed = 0;
        var lastBatch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        timetable.Setup(t => t.ClaimDueAsync(It.IsAny<DateTimeOffset>(), 2, It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() =>
            {
                var count = claims.TryDequeue(out var next) ? next : 0;
                if (Interlocked.Increment(ref claimed) == 3)
                {
                    lastBatch.SetResult();
                }

                return Enumerable.Range(0, count)
                    .Select(i => new TimetableEntry("tenant", $"19:team{claimed}-{i}@thread.tacv2", "retired-job", Now, "\"v\""))
                    .ToList();
            });
        timetable.Setup(t => t.TryAdvanceAllAsync(It.IsAny<IReadOnlyList<TimetableAdvance>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyList<TimetableAdvance> advances, CancellationToken _) => advances.Count);
        var clock = new FakeTimeProvider(Now);
        var scopes = new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();
        var seeder = new ServiceJobSeeder(timetable.Object, scopes, clock, NullLogger<ServiceJobSeeder>.Instance);
        var tick = new SchedulerTick(
            timetable.Object,
            Mock.Of<IOutbox>(),
            scopes,
            new DeliveryInstance("instance-a"),
            OptionsFactory.Create(options),
            clock,
            NullLogger<SchedulerTick>.Instance);
        using var service = new SchedulerService(seeder, tick, OptionsFactory.Create(options), clock, NullLogger<SchedulerService>.Instance);

        await service.StartAsync(CancellationToken.None);
        var reached = await Task.WhenAny(lastBatch.Task, Task.Delay(TimeSpan.FromSeconds(10)));
        await Task.Delay(200);
        await service.StopAsync(CancellationToken.None);

        // Three ticks at start-up, back to back; the one that took less than a batch waits for the (fake) interval.
        Assert.Same(lastBatch.Task, reached);
        Assert.Equal(3, Volatile.Read(ref claimed));
        timetable.Verify(t => t.TryAdvanceAllAsync(It.IsAny<IReadOnlyList<TimetableAdvance>>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
    }
}
