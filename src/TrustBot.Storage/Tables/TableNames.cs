namespace TrustBot.Storage.Tables;

/// <summary>Base names of every table; <c>Storage:TablePrefix</c> is prepended at run time.</summary>
internal static class TableNames
{
    public const string Installations = "Installations";

    /// <summary>Speak-up sessions (the posted prompts).</summary>
    public const string SpeakUpSessions = "SpeakUpSessions";

    /// <summary>Per-session participation salts, apart from the sessions so that a salt is destroyed by deleting its row.</summary>
    public const string SpeakUpSalts = "SpeakUpSalts";

    /// <summary>Anonymous speak-up notes: no column names or identifies the author.</summary>
    public const string Notes = "Notes";

    /// <summary>Every table the initializer creates at start.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Installations,
        SpeakUpSessions,
        SpeakUpSalts,
        Notes,
    ];
}
