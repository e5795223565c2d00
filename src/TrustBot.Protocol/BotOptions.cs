namespace TrustBot.Protocol;

/// <summary>
/// The bot's identity, bound from the configuration root with the Bot Framework's conventional names
/// (<c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, <c>MicrosoftAppType</c>, <c>MicrosoftAppTenantId</c>).
/// </summary>
public sealed class BotOptions
{
    /// <summary>The bot's app id (GUID); the audience of inbound tokens. Empty means local mode.</summary>
    public string? MicrosoftAppId { get; set; }

    /// <summary>The client secret, for <see cref="BotAppType.SingleTenant"/> and <see cref="BotAppType.MultiTenant"/>.</summary>
    public string? MicrosoftAppPassword { get; set; }

    /// <summary>The identity kind.</summary>
    public BotAppType MicrosoftAppType { get; set; } = BotAppType.SingleTenant;

    /// <summary>The bot's tenant, required for single-tenant and managed-identity bots.</summary>
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>A PFX or PEM certificate file to authenticate with instead of a secret.</summary>
    public string? MicrosoftAppCertificatePath { get; set; }

    /// <summary>The password of <see cref="MicrosoftAppCertificatePath"/>, when it has one.</summary>
    public string? MicrosoftAppCertificatePassword { get; set; }

    /// <summary>
    /// True when no app id is configured: the bot accepts unauthenticated activities from loopback callers only
    /// and calls the Connector without a token (what the Agents Playground and the Emulator expect).
    /// </summary>
    public bool IsLocalMode => string.IsNullOrWhiteSpace(MicrosoftAppId);
}
