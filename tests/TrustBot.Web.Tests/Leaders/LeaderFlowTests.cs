using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Core.Leaders;
using TrustBot.Core.Scheduling;
using TrustBot.Testing.Connector;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Leaders;

/// <summary>Install → installer leads with a nudge planned; <c>leaders add/remove</c> in the channel. Real HTTP, real Azurite.</summary>
[Collection(BotHostGroup.Name)]
public sealed class LeaderFlowTests(BotHostFixture host)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly TeamsActivities _teams = new(host.ServiceUrl, Guid.NewGuid().ToString());

    private ILeaderStore Leaders => host.Factory.Services.GetRequiredService<ILeaderStore>();

    private ITimetable Timetable => host.Factory.Services.GetRequiredService<ITimetable>();

    private string ThreadId => $"{_teams.SelectedChannelId};messageid=1776390257332";

    [Fact]
    public async Task TeamInstall_MakesTheInstallerALeader_WithTheirNudgeOnTheTimetable()
    {
        using var install = await host.PostAsync(_teams.TeamInstall());

        Assert.Equal(HttpStatusCode.OK, install.StatusCode);
        var leader = Assert.Single(await LeadersOfTeamAsync());
        Assert.Equal(_teams.UserId, leader.UserId);
        Assert.Equal(_teams.UserAadObjectId, leader.AadObjectId);
        Assert.Equal("Ada Lovelace", leader.Name);
        Assert.Equal(host.ServiceUrl, leader.ServiceUrl);
        Assert.Equal(BotHostFixture.BotId, leader.BotId);

        var nudge = await Timetable.GetAsync(_teams.TenantId, _teams.TeamId, JobNames.For(JobNames.Nudge, _teams.UserId), CancellationToken.None);
        Assert.NotNull(nudge);
        Assert.True(nudge.DueAt > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task LeadersAdd_ByALeader_AddsTheMentionedPersonWithANudge()
    {
        (await host.PostAsync(_teams.TeamInstall())).Dispose();
        var grace = TeamsUser.Create(1);
        OnTheTeam(grace);

        using var response = await host.PostAsync(_teams.ChannelMentionFrom(_teams.Installer, "leaders add", [grace]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await ReplyAsync("now leads");
        Assert.Contains(grace.Name, reply, StringComparison.Ordinal);
        Assert.DoesNotContain(grace.Id, reply, StringComparison.Ordinal);
        Assert.Equal(
            new[] { _teams.UserId, grace.Id }.Order(StringComparer.Ordinal),
            (await LeadersOfTeamAsync()).Select(l => l.UserId).Order(StringComparer.Ordinal));
        Assert.NotNull(await Timetable.GetAsync(_teams.TenantId, _teams.TeamId, JobNames.For(JobNames.Nudge, grace.Id), CancellationToken.None));
    }

    [Fact]
    public async Task LeadersAdd_ByANonLeader_IsRefusedAndChangesNothing()
    {
        (await host.PostAsync(_teams.TeamInstall())).Dispose();
        var member = TeamsUser.Create(2);
        var other = TeamsUser.Create(3);

        using var response = await host.PostAsync(_teams.ChannelMentionFrom(member, "leaders add", [other]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await ReplyAsync("Only the leaders");
        Assert.Contains("Ada Lovelace", reply, StringComparison.Ordinal);
        Assert.Equal([_teams.UserId], (await LeadersOfTeamAsync()).Select(l => l.UserId));
        Assert.Null(await Timetable.GetAsync(_teams.TenantId, _teams.TeamId, JobNames.For(JobNames.Nudge, other.Id), CancellationToken.None));
    }

    [Fact]
    public async Task LeadersRemove_TheLastLeader_IsRefused()
    {
        (await host.PostAsync(_teams.TeamInstall())).Dispose();

        using var response = await host.PostAsync(_teams.ChannelMentionFrom(_teams.Installer, "leaders remove", [_teams.Installer]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await ReplyAsync("last leader");
        Assert.Equal([_teams.UserId], (await LeadersOfTeamAsync()).Select(l => l.UserId));
        Assert.NotNull(await Timetable.GetAsync(_teams.TenantId, _teams.TeamId, JobNames.For(JobNames.Nudge, _teams.UserId), CancellationToken.None));
    }

    [Fact]
    public async Task LeadersRemove_AnotherLeader_RemovesThemAndTheirNudge()
    {
        (await host.PostAsync(_teams.TeamInstall())).Dispose();
        var grace = TeamsUser.Create(4);
        OnTheTeam(grace);
        (await host.PostAsync(_teams.ChannelMentionFrom(_teams.Installer, "leaders add", [grace]))).Dispose();
        await ReplyAsync("now leads");

        (await host.PostAsync(_teams.ChannelMentionFrom(grace, "leaders remove", [_teams.Installer]))).Dispose();

        await ReplyAsync("no longer leads");
        Assert.Equal([grace.Id], (await LeadersOfTeamAsync()).Select(l => l.UserId));
        Assert.Null(await Timetable.GetAsync(_teams.TenantId, _teams.TeamId, JobNames.For(JobNames.Nudge, _teams.UserId), CancellationToken.None));
    }

    [Fact]
    public async Task PersonalMessageFromALeader_StoresTheirClientTimeZone()
    {
        (await host.PostAsync(_teams.TeamInstall())).Dispose();
        // The install queues the installer's introduction, whose sender stores the leader's chat by replacing the whole
        // leader row: if that lands while this message stores the zone, one undoes the other. Waiting for it keeps this
        // test about the zone; the race itself is ILeaderStore.UpdateAsync's (a read, then an unconditional replace).
        await host.Connector.WaitForRequestAsync(
            r => (string?)r.Body?["summary"] == LeaderIntroCard.Summary
                && r.ConversationId == host.Connector.PersonalConversationId(_teams.TenantId, _teams.UserId),
            Wait);
        var message = _teams.PersonalMessageFrom(_teams.Installer, "help");
        message["entities"] = new System.Text.Json.Nodes.JsonArray(TeamsActivities.ClientInfo("Asia/Tokyo"));

        (await host.PostAsync(message)).Dispose();

        Assert.Equal("Asia/Tokyo", Assert.Single(await LeadersOfTeamAsync()).TimeZoneId);
    }

    [Fact]
    public async Task LeadersAdd_AChannelMention_IsRefusedAndChangesNothing()
    {
        (await host.PostAsync(_teams.TeamInstall())).Dispose();
        var channel = new TeamsUser(_teams.SelectedChannelId, Guid.NewGuid().ToString(), "General", "unused");

        (await host.PostAsync(_teams.ChannelMentionFrom(_teams.Installer, "leaders add", [channel]))).Dispose();

        var reply = await ReplyAsync("isn't a person");
        Assert.Contains("General", reply, StringComparison.Ordinal);
        Assert.Equal([_teams.UserId], (await LeadersOfTeamAsync()).Select(l => l.UserId));
    }

    [Fact]
    public async Task LeadersAdd_SomeoneNotOnTheTeamsRoster_IsRefusedAndChangesNothing()
    {
        (await host.PostAsync(_teams.TeamInstall())).Dispose();
        OnTheTeam(TeamsUser.Create(5));
        var stranger = TeamsUser.Create(6);

        (await host.PostAsync(_teams.ChannelMentionFrom(_teams.Installer, "leaders add", [stranger]))).Dispose();

        var reply = await ReplyAsync("isn't a member of");
        Assert.Contains(stranger.Name, reply, StringComparison.Ordinal);
        Assert.Equal([_teams.UserId], (await LeadersOfTeamAsync()).Select(l => l.UserId));
    }

    private void OnTheTeam(params TeamsUser[] people) =>
        host.Connector.SetRoster(people.Select(p => StubConnector.Member(p.Id, p.Name, p.AadObjectId)), _teams.TeamId);

    private async Task<string> ReplyAsync(string containing)
    {
        var reply = await host.Connector.WaitForRequestAsync(
            r => IsPostTo(r, ThreadId) && (r.Body?["text"]?.GetValue<string>() ?? "").Contains(containing, StringComparison.Ordinal),
            Wait);
        return reply.Body!["text"]!.GetValue<string>();
    }

    private async Task<List<Leader>> LeadersOfTeamAsync()
    {
        var list = new List<Leader>();
        await foreach (var leader in Leaders.ListForTeamAsync(_teams.TenantId, _teams.TeamId, CancellationToken.None))
        {
            list.Add(leader);
        }

        return list;
    }

    private static bool IsPostTo(RecordedRequest request, string conversationId) =>
        request.Method == "POST" && request.Path == $"/v3/conversations/{conversationId}/activities";
}
