using TrustBot.Core.Anonymity;
using TrustBot.Core.SpeakUp;

namespace TrustBot.Core.Digests;

/// <summary>A speak-up session with its tally (for the threshold) and its notes released in the week, as the digest receives it.</summary>
public sealed record SessionNotes(SpeakUpSession Session, Tally Tally, IReadOnlyList<string> Notes);
