using System.Text.Json.Serialization;
using TrustBot.Core.Delivery;

namespace TrustBot.Storage.Delivery;

/// <summary>The queue message format of an outbound send; only <see cref="OutboundSend.RecipientId"/> may be null.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(OutboundSend))]
internal sealed partial class OutboxJsonContext : JsonSerializerContext;
