namespace TrustBot.Protocol;

/// <summary>How the bot's Entra identity is set up (<c>MicrosoftAppType</c>).</summary>
public enum BotAppType
{
    /// <summary>An app registration in the bot's own tenant (the default; needs <c>MicrosoftAppTenantId</c>).</summary>
    SingleTenant,
    /// <summary>A legacy multi-tenant registration (new ones can no longer be created).</summary>
    MultiTenant,
    /// <summary>A user-assigned managed identity; <c>MicrosoftAppId</c> is its client id and there is no password.</summary>
    UserAssignedMSI,
}
