using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Core.Questions;

namespace TrustBot.Core.Tests.CheckIns;

/// <summary>A team's own threshold and statements reach its check-ins, and its check-ins resolve them again.</summary>
public sealed class TeamStatementsTests
{
    private static readonly Statement Custom = new("custom-retro", "psychological-safety", "tough-issues", false, "Retros are honest", "Our retrospectives name real problems.");

    [Theory]
    [InlineData(null, 5, 5)]
    [InlineData(8, 5, 8)]
    [InlineData(1, 5, 3)]
    [InlineData(null, 2, 3)]
    public void ThresholdOr_TeamValueElseDefault_NeverBelowThree(int? team, int serviceDefault, int expected)
    {
        Assert.Equal(expected, (Team() with { AnonymityThreshold = team }).ThresholdOr(serviceDefault));
    }

    [Fact]
    public async Task LaunchAsync_OverACycle_AsksTheTeamsOwnStatementWithTheTeamsThreshold()
    {
        var team = Team() with { AnonymityThreshold = 4, CustomStatements = [Custom] };
        var created = new List<CheckIn>();
        var store = new Mock<ICheckInStore>();
        store.Setup(s => s.ListForInstallationAsync(team.TenantId, team.Key, It.IsAny<CancellationToken>()))
            .Returns(() => created.ToAsyncEnumerable());
        store.Setup(s => s.CreateAsync(It.IsAny<CheckIn>(), It.IsAny<byte[]>(), It.IsAny<CancellationToken>()))
            .Callback<CheckIn, byte[], CancellationToken>((c, _, _) => created.Add(c))
            .ReturnsAsync((CheckIn?)null);
        var messenger = new Mock<IBotMessenger>();
        messenger.Setup(m => m.SendCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Delivered, "1"));
        var timetable = new Settings.InMemoryTimetable();
        var launcher = new CheckInLauncher(store.Object, timetable, messenger.Object, Options.Create(new CheckInOptions()),
            Options.Create(new AnonymityOptions { Secret = TestSecret.Value }), new FakeTimeProvider(), NullLogger<CheckInLauncher>.Instance);

        for (var i = 0; i < 4; i++)
        {
            await launcher.LaunchWithResultAsync(team, CancellationToken.None);
        }

        Assert.All(created, c => Assert.Equal(4, c.Threshold));
        Assert.Contains(created, c => c.StatementIds.Contains(Custom.Id));
        // Each stored check-in has its close in the timetable.
        Assert.Equal(created.Select(CheckInCloseJob.EntryFor).OrderBy(e => e.Job, StringComparer.Ordinal), timetable.All.OrderBy(e => e.Job, StringComparer.Ordinal));
    }

    [Fact]
    public async Task ResolveAsync_CustomStatement_ReadsTheTeamOnlyWhenNeeded()
    {
        var team = Team() with { CustomStatements = [Custom] };
        var installations = new Mock<IInstallationStore>();
        installations.Setup(s => s.GetAsync(team.TenantId, team.Key, It.IsAny<CancellationToken>())).ReturnsAsync(team);
        var resolver = new CheckInStatements(installations.Object);

        var builtIn = await resolver.ResolveAsync(CheckIn(["ps-risk", "trust-care"]), CancellationToken.None);
        installations.Verify(s => s.GetAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        var mixed = await resolver.ResolveAsync(CheckIn(["ps-risk", Custom.Id]), CancellationToken.None);

        Assert.Equal(["ps-risk", "trust-care"], builtIn.Select(s => s.Id));
        Assert.Equal(["ps-risk", Custom.Id], mixed.Select(s => s.Id));
    }

    private static CheckIn CheckIn(IReadOnlyList<string> ids) => new()
    {
        TenantId = "tenant-1",
        CheckInId = "c1",
        InstallationKey = "19:team@thread.tacv2",
        ConversationId = "19:chan@thread.tacv2",
        ServiceUrl = "https://smba.trafficmanager.net/amer/",
        StatementIds = ids,
        Threshold = 5,
        OpensAt = DateTimeOffset.UnixEpoch,
        ClosesAt = DateTimeOffset.UnixEpoch.AddDays(3),
    };

    private static Installation Team() => new()
    {
        TenantId = "tenant-1",
        Key = "19:team@thread.tacv2",
        Kind = ConversationKind.Channel,
        ServiceUrl = "https://smba.trafficmanager.net/amer/",
        ConversationId = "19:chan@thread.tacv2",
        TeamId = "19:team@thread.tacv2",
        BotId = "28:bot",
        InstalledAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };
}
