using System.Text.Json.Serialization;
using TrustBot.Core.SpeakUp;

namespace TrustBot.Storage.SpeakUp;

/// <summary>The queue message format of a pending note; every field is required and none may be null.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(PendingNote))]
internal sealed partial class SpeakUpQueueJsonContext : JsonSerializerContext;
