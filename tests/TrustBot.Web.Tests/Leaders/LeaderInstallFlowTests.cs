using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Core.Delivery;
using TrustBot.Core.Leaders;
using TrustBot.Core.Scheduling;
using TrustBot.Testing.Connector;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Leaders;

/// <summary>
/// What a team's leaders get from an install: their weekly habit back after a reinstall, and the installer's one
/// introduction in their private chat, sent through the outbox. Real HTTP, real Azurite, the stub Connector.
/// </summary>
[Collection(BotHostGroup.Name)]
public sealed class LeaderInstallFlowTests(BotHostFixture host)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly TeamsActivities _teams = new(host.ServiceUrl, Guid.NewGuid().ToString());
    private readonly TeamsUser _grace = TeamsUser.Create(8);

    private ITimetable Timetable => host.Factory.Services.GetRequiredService<ITimetable>();

    private ILeaderStore Leaders => host.Factory.Services.GetRequiredService<ILeaderStore>();

    private OutboxWorker Outbox => host.Factory.Services.GetRequiredService<OutboxWorker>();

    [Fact]
    public async Task Reinstall_WithinTheGracePeriod_GivesEveryLeaderTheirWeeklyHabitBack()
    {
        await PostOkAsync(_teams.TeamInstall());
        // `leaders add` takes only someone the team's roster lists.
        host.Connector.SetRoster([StubConnector.Member(_grace.Id, _grace.Name, _grace.AadObjectId)], _teams.TeamId);
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

    [Fact]
    public async Task TeamInstall_SendsTheInstallerOneIntroductionInTheirPrivateChat()
    {
        var install = _teams.TeamInstall();
        install["entities"] = new JsonArray(TeamsActivities.ClientInfo("Europe/Berlin"));

        await PostOkAsync(install);
        await PostOkAsync(_teams.TeamBotAdded());
        await PostOkAsync(_teams.TeamInstall("add-upgrade"));

        var intro = await IntroductionAsync();
        var text = intro.BodyText;
        Assert.Contains("first leader", text, StringComparison.Ordinal);
        Assert.Contains("Platform Team", text, StringComparison.Ordinal);
        foreach (var command in new[] { "**settings**", "**leaders**", "**help**" })
        {
            Assert.Contains(command, text, StringComparison.Ordinal);
        }

        // The default schedule, Tuesday 10:00 in the installer's zone, which is also the leader's zone.
        Assert.Contains("Tuesday", text, StringComparison.Ordinal);
        Assert.Contains("10:00", text, StringComparison.Ordinal);
        Assert.Contains("Europe/Berlin", text, StringComparison.Ordinal);
        Assert.DoesNotContain(_teams.UserId, text, StringComparison.Ordinal);

        await DrainAsync();
        Assert.Single(Introductions());
    }

    [Fact]
    public async Task Reinstall_WithinTheGracePeriod_DoesNotIntroduceTheInstallerAgain()
    {
        await PostOkAsync(_teams.TeamInstall());
        await IntroductionAsync();

        await PostOkAsync(_teams.TeamInstall("remove"));
        await PostOkAsync(_teams.TeamInstall());
        await DrainUntilAsync(() => Introductions().Count > 0, "No introduction reached the installer's private chat.");
        await DrainAsync();

        Assert.Single(Introductions());
    }

    [Fact]
    public async Task TeamInstall_WhenNoPrivateChatCanBeOpened_TheWelcomeStillArrives()
    {
        host.Connector.RespondAlways(
            StubResponse.Error(403, "ConversationBlockedByUser", "User blocked the conversation with the bot."),
            r => r.Operation == StubOperation.CreateConversation && r.BodyText.Contains(_teams.TenantId, StringComparison.Ordinal));

        using var response = await host.PostAsync(_teams.TeamInstall());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.Connector.WaitForRequestAsync(
            r => r.Method == "POST" && r.ConversationId == _teams.SelectedChannelId && (string?)r.Body?["summary"] == "TrustBot and your privacy", Wait);
        await DrainUntilAsync(
            () => host.Connector.Requests.Any(r => r.Operation == StubOperation.CreateConversation && r.BodyText.Contains(_teams.TenantId, StringComparison.Ordinal)),
            "The introduction never tried to open the installer's private chat.");
        // Whoever opened it (the host's worker or this test's drain) marks the installer unreachable right after.
        await DrainUntilAsync(
            async () => (await Leaders.GetAsync(_teams.TenantId, _teams.TeamId, _teams.UserId, CancellationToken.None))!.Unreachable,
            "The installer was never marked unreachable.");
        Assert.Null(host.Connector.PersonalConversationId(_teams.TenantId, _teams.UserId));
    }

    private async Task PostOkAsync(JsonObject activity)
    {
        using var response = await host.PostAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<TimetableEntry?> NudgeAsync(string userId) =>
        Timetable.GetAsync(_teams.TenantId, _teams.TeamId, JobNames.For(JobNames.Nudge, userId), CancellationToken.None);

    private List<RecordedRequest> Introductions()
    {
        var chat = host.Connector.PersonalConversationId(_teams.TenantId, _teams.UserId);
        return [.. host.Connector.Requests.Where(r =>
            r.Method == "POST" && chat is not null && r.ConversationId == chat && r.BodyText.Contains("first leader", StringComparison.Ordinal))];
    }

    private async Task<RecordedRequest> IntroductionAsync()
    {
        await DrainUntilAsync(() => Introductions().Count > 0, "No introduction reached the installer's private chat.");
        return Introductions()[0];
    }

    // The host's own worker wakes when the host queues a send and may be sending it already; the test drains as well,
    // until what it waits for is there, so that it waits for neither the worker nor its poll.
    private Task DrainUntilAsync(Func<bool> done, string failure) => DrainUntilAsync(() => Task.FromResult(done()), failure);

    private async Task DrainUntilAsync(Func<Task<bool>> done, string failure)
    {
        var deadline = DateTimeOffset.UtcNow + Wait;
        while (!await done())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, failure);
            await Outbox.DrainOnceAsync(CancellationToken.None);
            await Task.Delay(50);
        }
    }

    private async Task DrainAsync()
    {
        while (await Outbox.DrainOnceAsync(CancellationToken.None) > 0)
        {
        }
    }
}
