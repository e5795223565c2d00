using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Tests.Leaders;

internal static class LeaderTestData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static Installation Team(string? zone = "Europe/Berlin") => TestTeams.InstalledAt(Now) with
    {
        ChannelId = TestIds.ChosenChannelId,
        TeamName = "Platform Team",
        InstalledByAadObjectId = TestIds.InstallerAadObjectId,
        Schedule = TeamSchedule.Default(zone),
    };

    public static Leader Leader(string userId, string? name = null, string? aadObjectId = null, string teamKey = TestIds.TeamId) => new()
    {
        TenantId = TestIds.TenantId,
        TeamKey = teamKey,
        UserId = userId,
        AadObjectId = aadObjectId,
        Name = name,
        ServiceUrl = TestIds.ServiceUrl,
        BotId = TestIds.BotId,
        AddedAt = Now,
    };
}
