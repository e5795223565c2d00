namespace TrustBot.Core.Delivery;

/// <summary>A claim on a named resource, held by <paramref name="Owner"/> until <paramref name="ExpiresAt"/>.</summary>
/// <param name="Resource">The claimed name, e.g. <c>occurrence:{tenant}:{team}:checkin:2026-11-24T10:00Z</c> or <c>scheduler-tick</c>.</param>
/// <param name="Owner">Who holds it: one id per host instance, so that instances never mistake each other's claims.</param>
/// <param name="ExpiresAt">After this instant anyone may take the resource over.</param>
/// <param name="Version">The store's version (ETag) of the claim as written by the acquire.</param>
public sealed record Lease(string Resource, string Owner, DateTimeOffset ExpiresAt, string Version);
