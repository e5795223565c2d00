using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Core.Leaders;
using TrustBot.Core.Scheduling;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Leaders;

/// <summary>What a team's leaders get from an install: their weekly habit back after a reinstall. Real HTTP, real Azurite, the stub Connector.</summary>
[Collection(BotHostGroup.Name)]
public sealed class LeaderInstallFlowTests(BotHostFixture host)
{
    private readonly TeamsActivities _teams = new(host.ServiceUrl, Guid.NewGuid().ToString());
    private readonly TeamsUser _grace = TeamsUser.Create(8);

    private ITimetable Timetable => host.Factory.Services.GetRequiredService<ITimetable>();

    private ILeaderStore Leaders => host.Factory.Services.GetRequiredService<ILeaderStore>();

    [Fact]
    public async Task Reinstall_WithinTheGracePeriod_GivesEveryLeaderTheirWeeklyHabitBack()
    {
        await PostOkAsync(_teams.TeamInstall());
        await PostOkAsync(_teams.ChannelMentionFrom(_teams.Installer, "leaders add", [_grace]));
        Assert.NotNull(await NudgeAsync(_grace.Id));

        await PostOkAsync(_teams.TeamInstall("remove"));
        Assert.Null(await NudgeAsync(_grace.Id));
        await PostOkAsync(_teams.TeamInstall());

        Assert.NotNull(await Leaders.GetAsync(_teams.TenantId, _teams.TeamId, _grace.Id, CancellationToken.None));
        var installer = await NudgeAsync(_teams.UserId);
        var coLeader = await NudgeAsync(_grace.Id);
        Assert.NotNull(installer);
        Assert.NotNull(coLeader);
        Assert.True(coLeader.DueAt > DateTimeOffset.UtcNow);
    }

    private async Task PostOkAsync(JsonObject activity)
    {
        using var response = await host.PostAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<TimetableEntry?> NudgeAsync(string userId) =>
        Timetable.GetAsync(_teams.TenantId, _teams.TeamId, JobNames.For(JobNames.Nudge, userId), CancellationToken.None);
}
