namespace TrustBot.Web.Tests.Fuzzing;

/// <summary>One fuzzed request: what was done to which shape, the raw body and token, and what the bot must answer.</summary>
/// <param name="Index">The case number; with the seed it regenerates the same mutation.</param>
/// <param name="Description">The shape and the mutation, for failure messages.</param>
/// <param name="Body">The request body as sent.</param>
/// <param name="Token">The bearer token, or null for none.</param>
/// <param name="TenantId">The tenant the shape was built for; nothing may ever be stored under it when refused.</param>
/// <param name="Expectation">What the answer must be.</param>
/// <param name="Field">For <see cref="FuzzExpectation.OutOfBounds"/>: the field the 400 must name.</param>
internal sealed record FuzzCase(int Index, string Description, string Body, string? Token, string TenantId, FuzzExpectation Expectation, string? Field = null);

/// <summary>What a fuzz case must be answered with, beyond "never a 5xx".</summary>
internal enum FuzzExpectation
{
    /// <summary>Anything below 500.</summary>
    NoServerError,

    /// <summary>A real, unmodified (or legitimately unusual) Teams activity: 200.</summary>
    Accepted,

    /// <summary>A field beyond ActivityLimits: 400 naming the field, and no trace in storage or outbound calls.</summary>
    OutOfBounds,
}
