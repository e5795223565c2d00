using System.Net;
using Azure.Data.Tables;
using TrustBot.Testing.Connector;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Messaging;

/// <summary>Install → row stored → welcome card at the stub Connector; uninstall → marked removed. Real HTTP, real Azurite.</summary>
[Collection(BotHostGroup.Name)]
public sealed class InstallationFlowTests(BotHostFixture host)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly TeamsActivities _teams = new(host.ServiceUrl, Guid.NewGuid().ToString());

    [Fact]
    public async Task TeamInstall_StoresAddressAndPostsOneWelcomeCardIntoChosenChannel()
    {
        using var install = await host.PostAsync(_teams.TeamInstall());
        using var duplicate = await host.PostAsync(_teams.TeamBotAdded());

        Assert.Equal(HttpStatusCode.OK, install.StatusCode);
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);

        var row = Assert.Single(await InstallationRowsAsync(_teams.TenantId));
        Assert.Equal(_teams.TeamId, row.GetString("Key"));
        Assert.Equal(_teams.SelectedChannelId, row.GetString("ConversationId"));
        Assert.Equal(_teams.TeamId, row.GetString("TeamId"));
        Assert.Equal(host.ServiceUrl, row.GetString("ServiceUrl"));
        Assert.Equal(_teams.UserAadObjectId, row.GetString("InstalledByAadObjectId"));
        Assert.Equal(BotHostFixture.BotId, row.GetString("BotId"));
        Assert.Equal("Active", row.GetString("Status"));

        var welcome = await host.Connector.WaitForRequestAsync(r => IsPostTo(r, _teams.SelectedChannelId), Wait);
        Assert.Equal($"Bearer {BotApplicationFactory.OutboundToken}", welcome.Headers["Authorization"]);
        var attachment = welcome.Body!["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        Assert.Equal("1.5", attachment["content"]!["version"]!.GetValue<string>());

        // The welcome, then the privacy notice, and nothing more for the duplicate event.
        await host.Connector.WaitForRequestAsync(r => IsPostTo(r, _teams.SelectedChannelId) && Summary(r) == "TrustBot and your privacy", Wait);
        await Task.Delay(300);
        Assert.Equal(
            ["Hello from TrustBot", "TrustBot and your privacy"],
            host.Connector.Requests.Where(r => IsPostTo(r, _teams.SelectedChannelId)).Select(Summary));
    }

    [Fact]
    public async Task TeamUninstall_MarksInstallationRemoved()
    {
        (await host.PostAsync(_teams.TeamInstall())).Dispose();

        using var removal = await host.PostAsync(_teams.TeamInstall("remove"));

        Assert.Equal(HttpStatusCode.OK, removal.StatusCode);
        var row = Assert.Single(await InstallationRowsAsync(_teams.TenantId));
        Assert.Equal("Removed", row.GetString("Status"));
    }

    [Fact]
    public async Task BotRemovedFromTeam_MarksInstallationRemoved_AndUpgradeKeepsItActiveWithoutSecondWelcome()
    {
        (await host.PostAsync(_teams.TeamInstall())).Dispose();
        (await host.PostAsync(_teams.TeamInstall("add-upgrade"))).Dispose();
        Assert.Equal("Active", Assert.Single(await InstallationRowsAsync(_teams.TenantId)).GetString("Status"));

        (await host.PostAsync(_teams.TeamBotRemoved())).Dispose();

        Assert.Equal("Removed", Assert.Single(await InstallationRowsAsync(_teams.TenantId)).GetString("Status"));
        await Task.Delay(300);
        Assert.Single(host.Connector.Requests, r => IsPostTo(r, _teams.SelectedChannelId) && Summary(r) == "Hello from TrustBot");
    }

    [Fact]
    public async Task PersonalAndGroupChatInstalls_AreStoredAndWelcomed()
    {
        (await host.PostAsync(_teams.PersonalInstall())).Dispose();
        (await host.PostAsync(_teams.GroupChatBotAdded())).Dispose();

        var rows = await InstallationRowsAsync(_teams.TenantId);
        Assert.Contains(rows, r => r.GetString("Kind") == "Personal" && r.GetString("ConversationId") == _teams.PersonalConversationId);
        Assert.Contains(rows, r => r.GetString("Kind") == "GroupChat" && r.GetString("ConversationId") == _teams.GroupChatId);
        await host.Connector.WaitForRequestAsync(r => IsPostTo(r, _teams.PersonalConversationId), Wait);
        await host.Connector.WaitForRequestAsync(r => IsPostTo(r, _teams.GroupChatId), Wait);
    }

    [Fact]
    public async Task WelcomeFailure_KeepsTheStoredInstallation()
    {
        var teams = new TeamsActivities(host.ServiceUrl, Guid.NewGuid().ToString());
        host.Connector.RespondAlways(StubResponse.ForStatus(403), r => r.ConversationId == teams.SelectedChannelId);

        using var response = await host.PostAsync(teams.TeamInstall());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Active", Assert.Single(await InstallationRowsAsync(teams.TenantId)).GetString("Status"));
    }

    [Fact]
    public async Task NewServiceUrl_OnLaterActivity_RefreshesStoredAddress()
    {
        (await host.PostAsync(_teams.PersonalInstall())).Dispose();
        var moved = _teams.PersonalMessage("help");
        var newServiceUrl = host.ServiceUrl + "amer/";
        moved["serviceUrl"] = newServiceUrl;

        (await host.PostAsync(moved)).Dispose();

        Assert.Equal(newServiceUrl, Assert.Single(await InstallationRowsAsync(_teams.TenantId)).GetString("ServiceUrl"));
    }

    [Fact]
    public async Task HelpMessage_InPersonalChat_RepliesWithHelpCard()
    {
        using var response = await host.PostAsync(_teams.PersonalMessage("help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await host.Connector.WaitForRequestAsync(r => IsPostTo(r, _teams.PersonalConversationId), Wait);
        Assert.Equal("application/vnd.microsoft.card.adaptive", reply.Body!["attachments"]![0]!["contentType"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownMessage_WithMentionInChannel_GetsShortHelpReplyInTheThread()
    {
        using var response = await host.PostAsync(_teams.ChannelMention("what is the meaning of life"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await host.Connector.WaitForRequestAsync(r => IsPostTo(r, $"{_teams.SelectedChannelId};messageid=1776390257332"), Wait);
        Assert.Contains("help", reply.Body!["text"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    // Other tables (a team's leaders, its timetable) hold rows of the tenant too; these tests are about the installation's.
    private async Task<List<TableEntity>> InstallationRowsAsync(string tenantId)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in host.Table("Installations").QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}")))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static string? Summary(RecordedRequest request) => (string?)request.Body?["summary"];

    private static bool IsPostTo(RecordedRequest request, string conversationId) =>
        request.Method == "POST" && request.Path == $"/v3/conversations/{conversationId}/activities";
}
