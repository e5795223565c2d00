using System.Text.Json.Nodes;

namespace TrustBot.Protocol.Activities;

/// <summary>
/// The synchronous answer to an <c>invoke</c> activity: <see cref="Status"/> becomes the HTTP status and
/// <see cref="Body"/> the JSON body of the response to <c>POST /api/messages</c>.
/// </summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Body">The JSON body, or null for none.</param>
public sealed record InvokeResponse(int Status, JsonNode? Body = null)
{
    /// <summary>The content type of an Adaptive Card in a Universal Action response.</summary>
    public const string AdaptiveCardType = "application/vnd.microsoft.card.adaptive";

    /// <summary>The content type of a plain message in a Universal Action response.</summary>
    public const string MessageType = "application/vnd.microsoft.activity.message";

    /// <summary>The content type of an error in a Universal Action response.</summary>
    public const string ErrorType = "application/vnd.microsoft.error";

    /// <summary>Replaces the card for the acting user (<c>adaptiveCard/action</c>).</summary>
    public static InvokeResponse AdaptiveCard(JsonNode card) => new(200, new JsonObject
    {
        ["statusCode"] = 200,
        ["type"] = AdaptiveCardType,
        ["value"] = card,
    });

    /// <summary>Shows a short text to the acting user and leaves the card as it is.</summary>
    public static InvokeResponse Message(string text) => new(200, new JsonObject
    {
        ["statusCode"] = 200,
        ["type"] = MessageType,
        ["value"] = text,
    });

    /// <summary>An error banner in the client; the HTTP status stays 200 because the bot handled the invoke.</summary>
    public static InvokeResponse Error(int statusCode, string code, string message) => new(200, new JsonObject
    {
        ["statusCode"] = statusCode,
        ["type"] = ErrorType,
        ["value"] = new JsonObject { ["code"] = code, ["message"] = message },
    });
}
