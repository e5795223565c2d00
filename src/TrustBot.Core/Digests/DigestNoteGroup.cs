namespace TrustBot.Core.Digests;

/// <summary>The anonymous notes released for one speak-up prompt, in the (random) order given.</summary>
/// <param name="Prompt">The prompt's question.</param>
/// <param name="Notes">The notes released in the digest's week.</param>
/// <param name="Threshold">The k the prompt's notes are released by: groups of at least this many.</param>
public sealed record DigestNoteGroup(string Prompt, IReadOnlyList<string> Notes, int Threshold);
