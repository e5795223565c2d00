namespace TrustBot.Protocol.Activities;

/// <summary>Invoke names Teams sends.</summary>
public static class InvokeNames
{
    /// <summary>Universal Actions (<c>Action.Execute</c>) and card refresh.</summary>
    public const string AdaptiveCardAction = "adaptiveCard/action";
}
