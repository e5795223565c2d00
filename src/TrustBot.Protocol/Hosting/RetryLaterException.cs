namespace TrustBot.Protocol.Hosting;

/// <summary>
/// Thrown by an <see cref="IActivityHandler"/> when an activity cannot be handled now and must not be dropped: the
/// endpoint answers <c>503 Service Unavailable</c> with <c>Retry-After</c>, so the channel sends it again, instead
/// of a 500 that reads as a bug or a 200 that would tell the channel it was handled. Whatever the turn did before
/// throwing must be safe to repeat.
/// </summary>
public sealed class RetryLaterException : Exception
{
    /// <summary>How long the channel is asked to wait when none is given.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>Creates the exception with the default wait.</summary>
    public RetryLaterException()
        : this("The activity cannot be handled now; try again later.")
    {
    }

    /// <summary>Creates the exception with the default wait and a message that names no id.</summary>
    public RetryLaterException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the default wait, a message and its cause.</summary>
    public RetryLaterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception asking the channel to wait <paramref name="retryAfter"/> (whole seconds, at least one).</summary>
    public RetryLaterException(TimeSpan retryAfter, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>How long the channel should wait before sending the activity again.</summary>
    public TimeSpan RetryAfter { get; } = DefaultRetryAfter;
}
