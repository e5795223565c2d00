namespace TrustBot.Core.Digests;

/// <summary>The anonymous notes left for one speak-up prompt, in the (random) order given.</summary>
public sealed record DigestNoteGroup(string Prompt, IReadOnlyList<string> Notes);
