namespace TrustBot.Core.Nudges;

/// <summary>The part of a library habit the picker needs: its id, strategy and the dimensions it serves.</summary>
public sealed record HabitCandidate(string Id, string Strategy, IReadOnlyList<string> Dimensions);
