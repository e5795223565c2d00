namespace TrustBot.Core.CheckIns;

/// <summary>Whether a check-in still takes answers.</summary>
public enum CheckInStatus
{
    Open,
    Closed,
}
