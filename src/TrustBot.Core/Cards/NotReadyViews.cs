namespace TrustBot.Core.Cards;

/// <summary>What a person sees while the bot runs but is not ready to keep answers anonymous (its secret is not in place).</summary>
public static class NotReadyViews
{
    public const string Reply =
        "TrustBot isn't ready yet: its setup is still finishing, so it can't take anonymous answers. Nothing was saved. Please try again in a few minutes.";
}
