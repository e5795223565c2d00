namespace TrustBot.AppPackage;

/// <summary>What goes into the app package; every value is checked by <see cref="AppPackageBuilder"/>.</summary>
public sealed record AppPackageOptions
{
    /// <summary>The bot's Microsoft App ID (a GUID). Required.</summary>
    public string? BotId { get; init; }

    /// <summary>The Teams app id (a GUID); the bot id when not given.</summary>
    public string? AppId { get; init; }

    /// <summary>The host the bot is served from, without scheme or path (for <c>validDomains</c>). Required.</summary>
    public string? Domain { get; init; }

    /// <summary>The app version, <c>major.minor.patch</c>.</summary>
    public string Version { get; init; } = "1.0.0";

    /// <summary>Short app name (at most 30 characters).</summary>
    public string ShortName { get; init; } = "TrustBot";

    /// <summary>Full app name (at most 100 characters).</summary>
    public string FullName { get; init; } = "TrustBot: team trust and psychological safety";

    /// <summary>Short description (at most 80 characters).</summary>
    public string ShortDescription { get; init; } = "Anonymous team check-ins and weekly habit nudges for leaders.";

    /// <summary>Full description (at most 4000 characters).</summary>
    public string FullDescription { get; init; } =
        "TrustBot helps a team build trust and psychological safety. It posts short anonymous check-ins and open "
        + "speak-up questions in the team's channel, shows results only once enough people have answered, and sends "
        + "the team's leaders one small weekly habit to practise. Nobody, leaders included, can see who answered what.";

    /// <summary>The publisher's display name (at most 32 characters).</summary>
    public string DeveloperName { get; init; } = "TrustBot";

    /// <summary>The publisher's https support page.</summary>
    public string? WebsiteUrl { get; init; }

    /// <summary>The https privacy statement.</summary>
    public string? PrivacyUrl { get; init; }

    /// <summary>The https terms of use.</summary>
    public string? TermsUrl { get; init; }

    /// <summary>The manifest template (with <c>{{NAME}}</c> placeholders).</summary>
    public required string TemplatePath { get; init; }

    /// <summary>The folder holding the icons the manifest names.</summary>
    public required string IconDirectory { get; init; }

    /// <summary>Where the zip is written.</summary>
    public required string OutputPath { get; init; }
}
