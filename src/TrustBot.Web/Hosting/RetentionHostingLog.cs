namespace TrustBot.Web.Hosting;

// Event ids 4200–4249: the retention loop and the erase-team command. Counts only.
internal static partial class RetentionHostingLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "The retention loop started, sweeping every {SweepInterval}")]
    public static partial void LoopStarted(ILogger logger, TimeSpan sweepInterval);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Debug, Message = "Another instance holds this interval's retention sweep")]
    public static partial void SweepHeldElsewhere(ILogger logger);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Error, Message = "The retention sweep failed; the next interval tries again")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Information, Message = "Retention sweep: {Notes} notes deleted, {Erased} removed installations erased, {Failed} failed")]
    public static partial void SweepCompleted(ILogger logger, int notes, int erased, int failed);
}
