namespace TrustBot.Protocol.Authentication;

/// <summary>The outcome of <see cref="BotTokenValidator.AuthorizeActivity"/>, mapped by the endpoint to an HTTP status.</summary>
public enum BotAuthorizationStatus
{
    /// <summary>The token is valid for this activity; process it.</summary>
    Allowed,

    /// <summary>The token is invalid, or its signing key is not endorsed for the activity's channel (answer 401).</summary>
    Unauthorized,

    /// <summary>The token is valid but bound to a different service URL than the activity names (answer 403).</summary>
    Forbidden,
}
