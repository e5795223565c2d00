using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.Delivery;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Retention;

/// <summary>The real host with a fake clock: a month on, the retention job deletes old idempotency records and dead letters.</summary>
[Collection(BotHostGroup.Name)]
public sealed class OperationalRetentionJobTests(BotHostFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task RetentionJob_AMonthOn_DeletesIdempotencyRecordsAndDeadLettersPastTheirAge()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = fixture.HostOnClock(clock);
        var services = factory.Services;
        var start = clock.GetUtcNow();
        var idempotency = services.GetRequiredService<IIdempotencyStore>();
        var deadLetters = services.GetRequiredService<IDeadLetterLog>();
        var key = "digest:" + Guid.NewGuid().ToString("N");
        Assert.True(await idempotency.TryBeginAsync(key, None));
        await idempotency.MarkDeadAsync(key, "403", None);
        await deadLetters.RecordAsync(key, OutboundKinds.Digest, "403", None);
        Assert.Equal(1, await deadLetters.CountSinceAsync(start - TimeSpan.FromDays(1), None));

        clock.Advance(TimeSpan.FromDays(31));
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(15);
        while (await idempotency.GetAsync(key, None) is not null)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The retention job did not delete the old idempotency record within 15 s.");
            // The scheduler's timer may not exist yet when the clock first moves: keep moving it an interval at a time.
            clock.Advance(TimeSpan.FromHours(1));
            await Task.Delay(100);
        }

        // The dead letter goes in the same sweep, after the idempotency record.
        while (await deadLetters.CountSinceAsync(start - TimeSpan.FromDays(1), None) > 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The retention job did not delete the old dead letter within 15 s.");
            await Task.Delay(100);
        }
    }
}
