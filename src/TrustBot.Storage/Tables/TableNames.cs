namespace TrustBot.Storage.Tables;

/// <summary>Base names of every table; <c>Storage:TablePrefix</c> is prepended at run time.</summary>
internal static class TableNames
{
    public const string Installations = "Installations";

    public const string CheckIns = "CheckIns";

    /// <summary>Kept apart from <see cref="CheckIns"/> so that closing a check-in can destroy its salt by deleting one row.</summary>
    public const string CheckInSalts = "CheckInSalts";

    /// <summary>The due-to-close index of open check-ins, partitioned by closing hour.</summary>
    public const string CheckInsClosing = "CheckInsClosing";

    public const string Ballots = "Ballots";

    /// <summary>Speak-up sessions (the posted prompts).</summary>
    public const string SpeakUpSessions = "SpeakUpSessions";

    /// <summary>Per-session participation salts, apart from the sessions so that a salt is destroyed by deleting its row.</summary>
    public const string SpeakUpSalts = "SpeakUpSalts";

    /// <summary>The due-to-close index of open speak-up sessions, partitioned by closing hour.</summary>
    public const string SpeakUpClosing = "SpeakUpClosing";

    /// <summary>Anonymous speak-up notes: no column names or identifies the author.</summary>
    public const string Notes = "Notes";

    /// <summary>Expiring claims that let one host instance of several handle a due occurrence or a tick.</summary>
    public const string Leases = "Leases";

    /// <summary>One row per occurrence's send: pending, done or dead.</summary>
    public const string Idempotency = "Idempotency";

    /// <summary>Sends that ran out of retries, partitioned by the day they were given up.</summary>
    public const string DeadLetters = "DeadLetters";

    /// <summary>The leaders of each team, and their private chats.</summary>
    public const string Leaders = "Leaders";

    /// <summary>When each installation's scheduled jobs are next due.</summary>
    public const string Timetable = "Timetable";

    /// <summary>The nudges sent to each leader and how they were answered.</summary>
    public const string Nudges = "Nudges";

    /// <summary>Leaders' predictions of their team's next check-in score, for the digest's perception gap.</summary>
    public const string Predictions = "Predictions";

    /// <summary>Manual check-in and speak-up launches per team and UTC day, for the daily limit.</summary>
    public const string LaunchCounts = "LaunchCounts";

    /// <summary>Each tenant's send schedule shared by every instance: one row per tenant, the first slot nobody reserved.</summary>
    public const string SendBudgets = "SendBudgets";

    /// <summary>Every table the initializer creates at start.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Installations,
        CheckIns,
        CheckInSalts,
        CheckInsClosing,
        Ballots,
        SpeakUpSessions,
        SpeakUpSalts,
        SpeakUpClosing,
        Notes,
        Leases,
        Idempotency,
        DeadLetters,
        Leaders,
        Timetable,
        Nudges,
        Predictions,
        LaunchCounts,
        SendBudgets,
    ];
}
