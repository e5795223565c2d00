namespace TrustBot.Protocol;

/// <summary>Protocol settings, bound from the <c>BotFramework</c> configuration section.</summary>
public sealed class BotFrameworkOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "BotFramework";

    /// <summary>The public-cloud Bot Framework OpenID metadata document.</summary>
    public const string PublicOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Where inbound token signing keys are published.</summary>
    public string OpenIdMetadataUrl { get; set; } = PublicOpenIdMetadataUrl;

    /// <summary>The issuer of channel tokens.</summary>
    public string TokenIssuer { get; set; } = "https://api.botframework.com";

    /// <summary>The scope of outbound Connector tokens.</summary>
    public string ConnectorScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>
    /// Hosts the bot may call as a <c>serviceUrl</c>: an entry matches the host itself or any subdomain.
    /// Defaults to the public Bot Framework and Teams hosts; sovereign clouds and tests extend it.
    /// Configuration binding appends to this list, so a deployment adds hosts rather than replacing them.
    /// </summary>
    public IList<string> AllowedServiceUrlHosts { get; } = new List<string>(DefaultAllowedServiceUrlHosts);

    /// <summary>The largest request body accepted on <c>/api/messages</c>.</summary>
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>How long one turn may run after the HTTP request has been read.</summary>
    public TimeSpan TurnTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The hosts allowed when nothing is configured.</summary>
    public static IReadOnlyList<string> DefaultAllowedServiceUrlHosts { get; } =
    [
        "smba.trafficmanager.net",
        "botframework.com",
        "botframework.us",
        "botframework.azure.us",
        "teams.microsoft.com",
        "teams.microsoft.us",
    ];
}
