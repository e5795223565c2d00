using Microsoft.Extensions.Logging;

namespace TrustBot.Protocol.Authentication;

/// <summary>Inbound authentication log lines (event ids 1100–1199). Reasons only: never tokens, claims or user ids.</summary>
internal static partial class AuthenticationLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Inbound token rejected: {Reason}")]
    public static partial void TokenRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "OpenID metadata for inbound tokens is unavailable; rejecting the request")]
    public static partial void MetadataUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Inbound token names an unknown signing key; requesting an OpenID metadata refresh")]
    public static partial void SigningKeyRefreshRequested(ILogger logger);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Activity rejected: signing key not endorsed for channel {ChannelId}")]
    public static partial void ChannelNotEndorsed(ILogger logger, string? channelId);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Activity rejected: the token's serviceurl claim is missing or differs from the activity")]
    public static partial void ServiceUrlMismatch(ILogger logger);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Inbound token validation failed unexpectedly ({ExceptionType})")]
    public static partial void UnexpectedValidationFailure(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Error, Message = "The OpenID metadata URL must be https (plain http only on loopback); every inbound token will be rejected")]
    public static partial void InsecureMetadataUrl(ILogger logger);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Debug, Message = "Inbound token validated with signing key {KeyId}")]
    public static partial void TokenValidated(ILogger logger, string? keyId);
}
