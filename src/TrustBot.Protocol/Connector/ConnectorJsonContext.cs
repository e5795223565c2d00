using System.Text.Json.Serialization;
using TrustBot.Protocol.Activities;

namespace TrustBot.Protocol.Connector;

/// <summary>
/// Source-generated JSON metadata for Connector bodies, with the same rules as the activity model
/// (camelCase, nulls omitted, case-insensitive reads) so an outbound activity serializes identically.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    MaxDepth = 64)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(ConversationResourceResponse))]
[JsonSerializable(typeof(PagedMembersResult))]
[JsonSerializable(typeof(ConversationList))]
[JsonSerializable(typeof(ErrorResponse))]
public sealed partial class ConnectorJsonContext : JsonSerializerContext;
