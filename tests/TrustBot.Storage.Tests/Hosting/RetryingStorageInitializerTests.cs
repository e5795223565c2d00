using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Storage.Hosting;

namespace TrustBot.Storage.Tests.Hosting;

public sealed class RetryingStorageInitializerTests
{
    [Fact]
    public async Task StartAsync_StorageRefusesAtFirst_StartsAnywayAndCompletesOnceItAnswers()
    {
        var time = new FakeTimeProvider();
        var tracker = new StorageInitialization();
        using var initializer = new FlakyInitializer(failures: 3, tracker, time);

        await initializer.StartAsync(CancellationToken.None);
        Assert.False(tracker.IsComplete);

        // Back-off waits on the fake clock; move it on until the background retries have got through.
        for (var step = 0; step < 200 && !tracker.IsComplete; step++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        Assert.True(tracker.IsComplete);
        Assert.Equal(4, initializer.Attempts);
        await initializer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StopAsync_WhileRetrying_EndsTheRetries()
    {
        var time = new FakeTimeProvider();
        var tracker = new StorageInitialization();
        using var initializer = new FlakyInitializer(failures: int.MaxValue, tracker, time);
        await initializer.StartAsync(CancellationToken.None);

        await initializer.StopAsync(CancellationToken.None);
        var attempts = initializer.Attempts;
        time.Advance(TimeSpan.FromMinutes(10));
        await Task.Delay(20);

        Assert.Equal(attempts, initializer.Attempts);
        Assert.False(tracker.IsComplete);
    }

    private sealed class FlakyInitializer(int failures, StorageInitialization tracker, TimeProvider time)
        : RetryingStorageInitializer(tracker, time, NullLogger.Instance)
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        protected override string What => "test tables";

        protected override Task CreateAsync(CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _attempts) <= failures
                ? Task.FromException(new InvalidOperationException("role assignment not effective yet"))
                : Task.CompletedTask;

        protected override void LogReady()
        {
        }
    }
}
