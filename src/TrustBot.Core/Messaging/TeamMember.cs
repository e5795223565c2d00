namespace TrustBot.Core.Messaging;

/// <summary>One person on a team's roster, as Teams reports it; held in memory only, never stored as a list.</summary>
/// <param name="UserId">The Teams user id (<c>29:…</c>).</param>
/// <param name="AadObjectId">The Entra object id, when Teams gives one.</param>
/// <param name="Name">The display name.</param>
public sealed record TeamMember(string UserId, string? AadObjectId, string? Name);
