using TrustBot.Core.SpeakUp;

namespace TrustBot.Storage.Tests.Retention;

/// <summary>An open speak-up session of a team, opened a day before <paramref name="now"/>.</summary>
internal sealed class SpeakUpSessionSeed(string tenantId, string teamKey, DateTimeOffset now)
{
    public SpeakUpSession Session { get; } = new()
    {
        TenantId = tenantId,
        SessionId = Guid.NewGuid().ToString("N"),
        InstallationKey = teamKey,
        PromptId = "prompt-1",
        ConversationId = teamKey,
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        Threshold = 3,
        OpensAt = now - TimeSpan.FromDays(1),
        ClosesAt = now + TimeSpan.FromDays(3),
    };
}
