namespace TrustBot.Protocol.Activities;

/// <summary>Values of <see cref="Activity.Action"/> on <see cref="ActivityTypes.InstallationUpdate"/>.</summary>
public static class InstallationUpdateActions
{
    /// <summary>The app was added.</summary>
    public const string Add = "add";
    /// <summary>The app was removed.</summary>
    public const string Remove = "remove";
    /// <summary>The app was upgraded (added side).</summary>
    public const string AddUpgrade = "add-upgrade";
    /// <summary>The app was upgraded (removed side).</summary>
    public const string RemoveUpgrade = "remove-upgrade";
}
