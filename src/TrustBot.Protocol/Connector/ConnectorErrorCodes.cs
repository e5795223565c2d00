namespace TrustBot.Protocol.Connector;

/// <summary>Error codes the client reports itself, when the Connector gave none.</summary>
public static class ConnectorErrorCodes
{
    /// <summary>The service URL is not on the allow-list; no request was made.</summary>
    public const string ServiceUrlNotAllowed = "ServiceUrlNotAllowed";

    /// <summary>A required argument (id, activity, parameters) was missing; no request was made.</summary>
    public const string InvalidArgument = "InvalidArgument";

    /// <summary>The Connector could not be reached (DNS, connection, TLS, reset).</summary>
    public const string NetworkError = "NetworkError";

    /// <summary>An attempt got no answer in time.</summary>
    public const string Timeout = "Timeout";

    /// <summary>No outbound token could be acquired.</summary>
    public const string TokenUnavailable = "TokenUnavailable";

    /// <summary>A success answer whose body could not be read.</summary>
    public const string UnparsableResponse = "UnparsableResponse";

    /// <summary>Any other failure inside the client pipeline.</summary>
    public const string UnexpectedError = "UnexpectedError";
}
