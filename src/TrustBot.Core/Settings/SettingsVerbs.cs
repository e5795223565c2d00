namespace TrustBot.Core.Settings;

/// <summary>The verbs, data keys and input ids of the settings card. Everything that comes back under them is untrusted.</summary>
public static class SettingsVerbs
{
    /// <summary>Validates and saves the card's values.</summary>
    public const string Save = "settings.save";

    /// <summary>Shows the settings card again (from the confirmation).</summary>
    public const string Open = "settings.open";

    /// <summary>The data key naming the team (its installation key). The tenant never comes from card data.</summary>
    public const string TeamKey = "teamKey";

    /// <summary>
    /// The data key carrying when the card was shown: leaders added after it (by someone else) were not on the card,
    /// so saving it does not remove them.
    /// </summary>
    public const string ShownAt = "shownAt";

    public const string ChannelInput = "channel";

    public const string CadenceInput = "cadence";

    public const string DayInput = "day";

    public const string TimeInput = "time";

    public const string TimeZoneInput = "timeZone";

    public const string QuestionSetInput = "questionSet";

    public const string ThresholdInput = "threshold";

    public const string NotesInput = "notes";

    public const string PausedUntilInput = "pausedUntil";

    public const string LeadersInput = "leaders";

    /// <summary>The notes input's value for "the leaders only".</summary>
    public const string NotesToLeaders = "leaders";

    /// <summary>The notes input's value for "the leaders and the channel".</summary>
    public const string NotesAlsoInChannel = "channel";
}
