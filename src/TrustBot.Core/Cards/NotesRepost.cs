using TrustBot.Core.SpeakUp;

namespace TrustBot.Core.Cards;

/// <summary>The plain message that re-posts one anonymous note into the team's channel, for teams that chose so.</summary>
public static class NotesRepost
{
    /// <summary>"A teammate shared: “…”". The note is scrubbed again, so nothing but a scrubbed note is ever posted.</summary>
    public static string Text(string note) => $"A teammate shared: “{NoteScrubber.Scrub(note)}”";
}
