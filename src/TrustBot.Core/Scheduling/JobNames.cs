namespace TrustBot.Core.Scheduling;

/// <summary>The jobs the scheduler runs, and how a job name carries its subject.</summary>
public static class JobNames
{
    /// <summary>Posts the team's check-in at the team's slot.</summary>
    public const string CheckIn = "checkin";

    /// <summary>Posts a speak-up prompt at the team's slot, every few weeks.</summary>
    public const string SpeakUp = "speakup";

    /// <summary>Sends each leader of the team the weekly digest.</summary>
    public const string Digest = "digest";

    /// <summary>A leader's weekly habit nudge; the subject is the leader's user id.</summary>
    public const string Nudge = "nudge";

    /// <summary>One-off private reminder to members who have not answered; the subject is the check-in id.</summary>
    public const string Reminder = "reminder";

    private const char Separator = '|';

    /// <summary>A job name for <paramref name="kind"/> about <paramref name="subject"/>.</summary>
    public static string For(string kind, string subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return kind + Separator + subject;
    }

    public static string KindOf(string job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var at = job.IndexOf(Separator, StringComparison.Ordinal);
        return at < 0 ? job : job[..at];
    }

    public static string? SubjectOf(string job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var at = job.IndexOf(Separator, StringComparison.Ordinal);
        return at < 0 ? null : job[(at + 1)..];
    }
}
