namespace TrustBot.Core.SpeakUp;

/// <summary>An open question that invites people to speak up, grouped by the strategy it serves.</summary>
public sealed record SpeakUpPrompt(string Id, string Strategy, string Text);
