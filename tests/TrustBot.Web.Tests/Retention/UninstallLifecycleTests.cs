using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Core.Questions;
using TrustBot.Testing.Storage;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Retention;

/// <summary>
/// Install, remove and reinstall through the real HTTP pipeline on a fake clock, against Azurite: a reinstall within
/// the grace period restores the team; 30 days after the last removal every row of the team is gone.
/// </summary>
[Collection(BotHostGroup.Name)]
public sealed class UninstallLifecycleTests(BotHostFixture fixture)
{
    [Fact]
    public async Task RemovedTeam_ReinstalledWithinGrace_KeepsSettings_AndAfterTheGracePeriodEveryRowIsErased()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var prefix = AzuriteFixture.NewTablePrefix();
        await using var factory = fixture.HostOnClock(clock, prefix);
        using var client = factory.CreateClient();
        var teams = new TeamsActivities(fixture.ServiceUrl, Guid.NewGuid().ToString());
        var installations = factory.Services.GetRequiredService<IInstallationStore>();
        var leaders = factory.Services.GetRequiredService<ILeaderStore>();

        Assert.Equal(HttpStatusCode.OK, await PostAsync(client, clock, teams.TeamInstall()));
        var team = await installations.GetAsync(teams.TenantId, teams.TeamId, CancellationToken.None);
        var chosen = new TeamSettings(teams.SelectedChannelId, team!.EffectiveSchedule with { Day = DayOfWeek.Thursday }, QuestionSet.Trust, 9, true);
        await installations.UpdateSettingsAsync(teams.TenantId, teams.TeamId, chosen, clock.GetUtcNow(), CancellationToken.None);

        // Removed, then added back 20 days later: the team comes back as it was.
        Assert.Equal(HttpStatusCode.OK, await PostAsync(client, clock, teams.TeamInstall("remove")));
        clock.Advance(TimeSpan.FromDays(20));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(client, clock, teams.TeamInstall()));
        var restored = await installations.GetAsync(teams.TenantId, teams.TeamId, CancellationToken.None);
        Assert.Equal(InstallationStatus.Active, restored!.Status);
        Assert.Equal((DayOfWeek.Thursday, QuestionSet.Trust, 9, true), (restored.EffectiveSchedule.Day, restored.QuestionSet, restored.AnonymityThreshold, restored.ShareNotesInChannel));
        Assert.NotNull(await leaders.GetAsync(teams.TenantId, teams.TeamId, teams.UserId, CancellationToken.None));

        // Removed again: kept through day 29, erased once 30 days have passed and the hourly sweep has run.
        Assert.Equal(HttpStatusCode.OK, await PostAsync(client, clock, teams.TeamInstall("remove")));
        clock.Advance(TimeSpan.FromDays(29));
        await Task.Delay(300);
        Assert.NotNull(await installations.GetAsync(teams.TenantId, teams.TeamId, CancellationToken.None));
        Assert.NotEmpty(await RowsOfTenantAsync(prefix, teams.TenantId));

        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(20);
        while (await installations.GetAsync(teams.TenantId, teams.TeamId, CancellationToken.None) is not null)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The team was not erased within 20 s after its grace period ended.");
            clock.Advance(TimeSpan.FromHours(1));
            await Task.Delay(100);
        }

        Assert.Empty(await RowsOfTenantAsync(prefix, teams.TenantId));
    }

    // The turn posts the welcome and the privacy notice into one channel; the rate limiter paces the second on the fake
    // clock, so the clock moves while the request runs. Tokens are minted around the fake now.
    private async Task<HttpStatusCode> PostAsync(HttpClient client, FakeTimeProvider clock, JsonObject activity)
    {
        var now = clock.GetUtcNow();
        var token = fixture.Issuer.CreateToken(BotHostFixture.AppId, fixture.ServiceUrl, notBefore: now.AddMinutes(-5), expires: now.AddHours(1));
        var post = BotHostFixture.PostRawAsync(client, activity.ToJsonString(), token);
        while (await Task.WhenAny(post, Task.Delay(50)) != post)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        using var response = await post;
        return response.StatusCode;
    }

    // Every row of the tenant in every table of this host: keys start with the tenant id, alone or before a separator.
    private async Task<List<string>> RowsOfTenantAsync(string prefix, string tenantId)
    {
        var service = new TableServiceClient(fixture.Azurite.ConnectionString);
        var rows = new List<string>();
        await foreach (var table in service.QueryAsync(TableServiceClient.CreateQueryFilter($"TableName ge {prefix}")))
        {
            if (!table.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            await foreach (var row in service.GetTableClient(table.Name).QueryAsync<TableEntity>(cancellationToken: CancellationToken.None))
            {
                if (row.PartitionKey.StartsWith(tenantId, StringComparison.Ordinal) || row.RowKey.Contains(tenantId, StringComparison.Ordinal))
                {
                    rows.Add($"{table.Name[prefix.Length..]}: {row.PartitionKey} / {row.RowKey}");
                }
            }
        }

        return rows;
    }
}
