using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Tests;

/// <summary>An active team installation with the shared <see cref="TestIds"/>; a test adds what it is about with <c>with</c>.</summary>
internal static class TestTeams
{
    public static Installation InstalledAt(DateTimeOffset installedAt) => new()
    {
        TenantId = TestIds.TenantId,
        Key = TestIds.TeamId,
        Kind = ConversationKind.Channel,
        ServiceUrl = TestIds.ServiceUrl,
        ConversationId = TestIds.ChosenChannelId,
        TeamId = TestIds.TeamId,
        BotId = TestIds.BotId,
        InstalledAt = installedAt,
        UpdatedAt = installedAt,
    };
}
