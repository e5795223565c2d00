using System.Text.Json.Serialization;

namespace TrustBot.Storage.Anonymity;

/// <summary>The queue message format of a pending ballot; every field is required and none may be null.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(PendingBallot))]
internal sealed partial class BallotQueueJsonContext : JsonSerializerContext;
