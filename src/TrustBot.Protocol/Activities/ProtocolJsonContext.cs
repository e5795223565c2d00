using System.Text.Json.Serialization;

namespace TrustBot.Protocol.Activities;

/// <summary>Source-generated JSON metadata for the activity model: camelCase, nulls omitted, case-insensitive reads.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    MaxDepth = 64)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ConversationReference))]
[JsonSerializable(typeof(InvokeResponse))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
