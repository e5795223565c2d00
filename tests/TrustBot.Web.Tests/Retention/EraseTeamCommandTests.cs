using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Web.Hosting;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Retention;

/// <summary>The erase-team command in process, against the shared host's storage.</summary>
[Collection(BotHostGroup.Name)]
public sealed class EraseTeamCommandTests(BotHostFixture fixture)
{
    private const string TeamKey = "19:erase@thread.tacv2";
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly string _tenantId = Guid.NewGuid().ToString();

    [Theory]
    [InlineData(new[] { "erase-team" }, "--tenant is required")]
    [InlineData(new[] { "erase-team", "--tenant", "t1" }, "--team is required")]
    [InlineData(new[] { "erase-team", "--tenant", "t1", "--team" }, "--team needs a value")]
    [InlineData(new[] { "erase-team", "--tenant", "t1", "--tenant", "t2", "--team", "x" }, "--tenant is given twice")]
    [InlineData(new[] { "erase-team", "--tenant", "t1", "--team", "x", "--force" }, "unknown argument '--force'")]
    public async Task RunAsync_BadArguments_ExitsWith2AndOneLineNamingTheProblem(string[] args, string problem)
    {
        var (exit, output, error) = await RunAsync(args);

        Assert.Equal(EraseTeamCommand.BadRequest, exit);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"erase-team: {problem}. usage:", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownTeam_ExitsWith2()
    {
        var (exit, output, error) = await RunAsync(["erase-team", "--tenant", _tenantId, "--team", TeamKey]);

        Assert.Equal(EraseTeamCommand.BadRequest, exit);
        Assert.Equal("", output);
        Assert.Contains("there is no installation of team", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ActiveTeamWithoutYes_RefusesAndDeletesNothing()
    {
        await SeedAsync();

        var (exit, output, error) = await RunAsync(["erase-team", "--tenant", _tenantId, "--team", TeamKey]);

        Assert.Equal(EraseTeamCommand.Refused, exit);
        Assert.Equal("", output);
        Assert.Contains("still installed", error, StringComparison.Ordinal);
        Assert.Contains("--yes", error, StringComparison.Ordinal);
        Assert.Equal(InstallationStatus.Active, (await Installations.GetAsync(_tenantId, TeamKey, None))!.Status);
        Assert.NotNull(await Services.GetRequiredService<ILeaderStore>().GetAsync(_tenantId, TeamKey, "29:1ada", None));
    }

    [Fact]
    public async Task RunAsync_ActiveTeamWithYes_WarnsErasesAndPrintsCountsPerTable()
    {
        var checkInId = await SeedAsync();

        var (exit, output, error) = await RunAsync(["erase-team", "--tenant", _tenantId, "--team", TeamKey, "--yes"]);

        Assert.Equal(EraseTeamCommand.Erased, exit);
        Assert.Contains("warning", error, StringComparison.Ordinal);
        Assert.Null(await Installations.GetAsync(_tenantId, TeamKey, None));
        Assert.Null(await Services.GetRequiredService<ILeaderStore>().GetAsync(_tenantId, TeamKey, "29:1ada", None));
        Assert.Null(await Services.GetRequiredService<ICheckInStore>().GetAsync(_tenantId, checkInId, None));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith($"Erased team '{TeamKey}' in tenant '{_tenantId}'", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, line => line.StartsWith("Installations ", StringComparison.Ordinal) && line.EndsWith(" 1", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("Leaders ", StringComparison.Ordinal) && line.EndsWith(" 1", StringComparison.Ordinal));
        // The open check-in and the marker row that names it as the team's open one.
        Assert.Contains(lines, line => line.StartsWith("CheckIns ", StringComparison.Ordinal) && line.EndsWith(" 2", StringComparison.Ordinal));
        Assert.StartsWith("total", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TeamAlreadyRemovedWithinGracePeriod_ErasesWithoutYes()
    {
        await SeedAsync();
        await Installations.MarkRemovedAsync(_tenantId, TeamKey, DateTimeOffset.UtcNow.AddDays(-2), None);

        var (exit, _, error) = await RunAsync(["erase-team", "--tenant", _tenantId, "--team", TeamKey]);

        Assert.Equal(EraseTeamCommand.Erased, exit);
        Assert.Equal("", error);
        Assert.Null(await Installations.GetAsync(_tenantId, TeamKey, None));
    }

    private IServiceProvider Services => fixture.Factory.Services;

    private IInstallationStore Installations => Services.GetRequiredService<IInstallationStore>();

    private async Task<string> SeedAsync()
    {
        var now = DateTimeOffset.UtcNow;
        await Installations.ActivateAsync(RetentionJobTests.Team(_tenantId, TeamKey, now), None);
        await Services.GetRequiredService<ILeaderStore>().AddAsync(new Leader
        {
            TenantId = _tenantId,
            TeamKey = TeamKey,
            UserId = "29:1ada",
            ServiceUrl = "http://127.0.0.1/",
            BotId = BotHostFixture.BotId,
            AddedAt = now,
        }, None);
        var checkIn = new CheckIn
        {
            TenantId = _tenantId,
            CheckInId = Guid.NewGuid().ToString("N"),
            InstallationKey = TeamKey,
            ConversationId = TeamKey,
            ServiceUrl = "http://127.0.0.1/",
            StatementIds = ["ps1"],
            Threshold = 3,
            OpensAt = now,
            ClosesAt = now.AddDays(2),
        };
        await Services.GetRequiredService<ICheckInStore>().CreateAsync(checkIn, [1, 2, 3, 4], None);
        return checkIn.CheckInId;
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await EraseTeamCommand.RunAsync(
            args,
            output,
            error,
            builder => builder.Configuration.AddInMemoryCollection(fixture.Settings(BotHostFixture.AppId)),
            None);
        return (exit, output.ToString(), error.ToString());
    }
}
