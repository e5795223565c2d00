using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Core.Installations;
using TrustBot.Core.Questions;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Messaging;

/// <summary><c>privacy</c> shows the notice again, with the threshold of the team it is asked in. Real HTTP, real Azurite.</summary>
[Collection(BotHostGroup.Name)]
public sealed class PrivacyFlowTests(BotHostFixture host)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly TeamsActivities _teams = new(host.ServiceUrl, Guid.NewGuid().ToString());

    [Fact]
    public async Task Privacy_InATeamsChannel_ShowsTheNoticeWithTheTeamsThreshold()
    {
        (await host.PostAsync(_teams.TeamInstall())).Dispose();
        var installations = host.Factory.Services.GetRequiredService<IInstallationStore>();
        var team = await installations.GetAsync(_teams.TenantId, _teams.TeamId, CancellationToken.None);
        await installations.UpdateSettingsAsync(
            _teams.TenantId, _teams.TeamId, new TeamSettings(_teams.SelectedChannelId, team!.EffectiveSchedule, QuestionSet.Everything, 11, false), DateTimeOffset.UtcNow, CancellationToken.None);

        using var response = await host.PostAsync(_teams.ChannelMentionFrom(TeamsUser.Create(4), "privacy", []));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var notice = await host.Connector.WaitForRequestAsync(
            r => r.Method == "POST" && r.ConversationId == $"{_teams.SelectedChannelId};messageid=1776390257332" && (string?)r.Body?["summary"] == "TrustBot and your privacy",
            Wait);
        Assert.Contains("at least 11 people", notice.BodyText, StringComparison.Ordinal);
    }
}
