using System.Text;
using System.Text.Json.Nodes;
using TrustBot.Core.CheckIns;
using TrustBot.Core.SpeakUp;

namespace TrustBot.Core.Tests.Cards;

/// <summary>Reads built cards the way a client would: elements by type, visible strings, size.</summary>
internal static class CardInspection
{
    public const int MaxCardBytes = 28 * 1024;

    public static readonly DateTimeOffset OpensAt = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static CheckIn CheckIn(IReadOnlyList<string> statementIds, int threshold = 5) => new()
    {
        TenantId = TestIds.TenantId,
        CheckInId = "ci-7f3a9b2c",
        InstallationKey = TestIds.TeamId,
        ConversationId = TestIds.ChosenChannelId,
        ServiceUrl = TestIds.ServiceUrl,
        StatementIds = statementIds,
        Threshold = threshold,
        OpensAt = OpensAt,
        ClosesAt = OpensAt.AddDays(3),
    };

    public static SpeakUpSession Session(int threshold = 5) => new()
    {
        TenantId = TestIds.TenantId,
        SessionId = "su-4d2e8f1a",
        InstallationKey = TestIds.TeamId,
        PromptId = "voice-unsaid",
        ConversationId = TestIds.ChosenChannelId,
        ServiceUrl = TestIds.ServiceUrl,
        Threshold = threshold,
        OpensAt = OpensAt,
        ClosesAt = OpensAt.AddDays(3),
    };

    public static IEnumerable<JsonObject> Elements(JsonNode? node, string type) => node switch
    {
        JsonObject obj => (string?)(obj["type"] as JsonValue) == type
            ? [obj, .. obj.SelectMany(pair => Elements(pair.Value, type))]
            : obj.SelectMany(pair => Elements(pair.Value, type)),
        JsonArray array => array.SelectMany(item => Elements(item, type)),
        _ => [],
    };

    /// <summary>Every string a person can read: text, titles, values of facts and choices, labels, placeholders.</summary>
    public static IEnumerable<string> VisibleStrings(JsonNode? node) => node switch
    {
        JsonObject obj => obj
            .Where(pair => pair.Key is not ("data" or "id" or "verb" or "$schema" or "refresh"))
            .SelectMany(pair => pair.Key is "text" or "title" or "value" or "label" or "placeholder" or "errorMessage" or "fallbackText"
                && pair.Value is JsonValue value && value.TryGetValue<string>(out var text)
                    ? [text]
                    : VisibleStrings(pair.Value)),
        JsonArray array => array.SelectMany(VisibleStrings),
        _ => [],
    };

    public static IEnumerable<string> Texts(JsonNode card) =>
        Elements(card, "TextBlock").Select(block => (string?)block["text"] ?? string.Empty);

    public static int Bytes(JsonNode card) => Encoding.UTF8.GetByteCount(card.ToJsonString());
}
