using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;

namespace TrustBot.Storage.Tests.Installations;

/// <summary>A team installed in its General channel (whose id is the team id), as the storage tests seed it.</summary>
internal static class SampleInstallations
{
    public static Installation Channel(string tenantId, string teamKey, DateTimeOffset installedAt) => new()
    {
        TenantId = tenantId,
        Key = teamKey,
        Kind = ConversationKind.Channel,
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        ConversationId = teamKey,
        TeamId = teamKey,
        ChannelId = teamKey,
        BotId = "28:00000000-0000-0000-0000-000000000b07",
        InstalledAt = installedAt,
        UpdatedAt = installedAt,
    };
}
