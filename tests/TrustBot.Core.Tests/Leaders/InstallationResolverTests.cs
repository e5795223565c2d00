using TrustBot.Core.Commands;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;
using TrustBot.Core.Tests.Fakes;

namespace TrustBot.Core.Tests.Leaders;

public sealed class InstallationResolverTests
{
    private const string AdaId = "29:1ada";
    private readonly InMemoryInstallationStore _installations = new();
    private readonly InMemoryLeaderStore _leaders = new();
    private readonly InstallationResolver _resolver;

    public InstallationResolverTests()
    {
        _resolver = new InstallationResolver(_installations, new PersonLeadership(_leaders));
    }

    [Fact]
    public async Task LedTeamsAsync_FindsActiveTeamsByUserIdOrEntraId_OnceEach()
    {
        _installations.Seed(Team("19:t1", "Platform"));
        _installations.Seed(Team("19:t2", "Payments"));
        _installations.Seed(Team("19:t3", "Gone") with { Status = InstallationStatus.Removed });
        _leaders.Seed(LeaderTestData.Leader(AdaId, teamKey: "19:t1") with { AadObjectId = "aad-ada" });
        _leaders.Seed(LeaderTestData.Leader("29:1ada-other-client", teamKey: "19:t1") with { AadObjectId = "aad-ada" });
        _leaders.Seed(LeaderTestData.Leader("29:1ada-other-client", teamKey: "19:t2") with { AadObjectId = "aad-ada" });
        _leaders.Seed(LeaderTestData.Leader(AdaId, teamKey: "19:t3"));
        _leaders.Seed(LeaderTestData.Leader("29:1grace", teamKey: "19:t4"));

        var teams = await _resolver.LedTeamsAsync(TestIds.TenantId, AdaId, "aad-ada", CancellationToken.None);

        Assert.Equal(["19:t1", "19:t2"], teams.Select(t => t.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task LedTeamsAsync_InstallerWhoIsNoLongerALeader_LeadsNothing()
    {
        _installations.Seed(Team("19:t1", "Platform") with { InstalledByAadObjectId = "aad-ada" });

        Assert.Empty(await _resolver.LedTeamsAsync(TestIds.TenantId, AdaId, "aad-ada", CancellationToken.None));
    }

    [Fact]
    public async Task ResolveAsync_PersonalChatOfALeader_NamesTheTeamByName()
    {
        _installations.Seed(Team("19:t1", "Platform"));
        _installations.Seed(Team("19:t2", "Payments"));
        _leaders.Seed(LeaderTestData.Leader(AdaId, teamKey: "19:t1"));
        _leaders.Seed(LeaderTestData.Leader(AdaId, teamKey: "19:t2"));

        var (ambiguous, problem) = await _resolver.ResolveAsync(Personal(AdaId), "", CancellationToken.None);
        var (named, _) = await _resolver.ResolveAsync(Personal(AdaId), "pay", CancellationToken.None);

        Assert.Null(ambiguous);
        Assert.Contains("Which team?", problem, StringComparison.Ordinal);
        Assert.Equal("19:t2", named!.Key);
    }

    [Fact]
    public async Task ResolveAsync_PersonalChatOfSomeoneWhoLeadsNothing_SaysSo()
    {
        _installations.Seed(Team("19:t1", "Platform"));

        var (team, problem) = await _resolver.ResolveAsync(Personal("29:1member"), "", CancellationToken.None);

        Assert.Null(team);
        Assert.Contains("don't lead a team", problem, StringComparison.Ordinal);
    }

    private static Installation Team(string key, string name) =>
        LeaderTestData.Team() with { Key = key, TeamId = key, TeamName = name };

    private static IncomingMessage Personal(string fromId) => new()
    {
        TenantId = TestIds.TenantId,
        Kind = ConversationKind.Personal,
        ConversationId = TestIds.PersonalConversationId,
        ServiceUrl = TestIds.ServiceUrl,
        BotId = TestIds.BotId,
        Text = "notes",
        FromId = fromId,
    };
}
