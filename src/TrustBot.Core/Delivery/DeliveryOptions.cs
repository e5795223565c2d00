using System.ComponentModel.DataAnnotations;

namespace TrustBot.Core.Delivery;

/// <summary>Scheduler and outbox settings (section <c>Delivery</c>).</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    /// <summary>How often the scheduler looks for due work, and how long the outbox worker waits when the queue is empty.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one instance holds a due occurrence while it plans and queues its sends.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a received outbox message stays hidden (and its send claimed) before another try may take it.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan Visibility { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Receives of one send before it is dead-lettered.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// Sends handled at once by one worker; the Connector rate limiter is the real brake. At 32 or more the worker takes
    /// the next batch as soon as a batch of room is free, which keeps a fan-out or a burst of replies at Teams' pace: at
    /// 16 it drained batch by batch, about 38 sends a second against Teams' 50.
    /// </summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 64;

    /// <summary>Due timetable entries taken per scheduler tick.</summary>
    [Range(1, 1000)]
    public int TickBatch { get; set; } = 100;

    /// <summary>Due occurrences one scheduler tick runs at once (each waits mostly on storage).</summary>
    [Range(1, 64)]
    public int TickConcurrency { get; set; } = 8;

    /// <summary>The most one send, its completion record and its removal from the queue may take, shutdown or not.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SendSectionTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
