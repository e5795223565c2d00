namespace TrustBot.Core.Delivery;

/// <summary>What is known about one occurrence's send.</summary>
/// <param name="Key">The occurrence's idempotency key.</param>
/// <param name="State">One of <see cref="IdempotencyStates"/>: pending, done or dead.</param>
/// <param name="ResultId">What the send produced (e.g. the posted activity id), once done.</param>
/// <param name="UpdatedAt">When the state was last written.</param>
public sealed record IdempotencyRecord(string Key, string State, string? ResultId, DateTimeOffset UpdatedAt);
