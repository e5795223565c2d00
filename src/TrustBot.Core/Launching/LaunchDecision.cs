namespace TrustBot.Core.Launching;

/// <summary>Whether a manual launch may go ahead; when it may, the reserved day, to give back if nothing was launched.</summary>
public sealed record LaunchDecision(string? Refusal, DateOnly Day)
{
    public bool IsAllowed => Refusal is null;
}
