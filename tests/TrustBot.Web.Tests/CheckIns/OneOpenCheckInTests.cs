using System.Globalization;
using System.Net;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Delivery;
using TrustBot.Core.Messaging;
using TrustBot.Testing.Connector;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.CheckIns;

/// <summary>
/// A team has one open check-in at a time, whether it is asked for in the channel, in a leader's 1:1 chat or by the
/// schedule; replies quote the open one's closing time in the team's zone. Real HTTP, real Azurite.
/// </summary>
[Collection(BotHostGroup.Name)]
public sealed class OneOpenCheckInTests(BotHostFixture host)
{
    private const string BerlinZone = "Europe/Berlin";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly TeamsActivities _teams = new(host.ServiceUrl, Guid.NewGuid().ToString());

    private string ThreadId => $"{_teams.SelectedChannelId};messageid=1776390257332";

    [Fact]
    public async Task Checkin_WhileOneIsOpen_OpensNoSecondOne_AndSaysInTheTeamsZoneWhenTheOpenOneCloses()
    {
        await InstallBerlinTeamAsync();
        (await host.PostAsync(_teams.ChannelMention("checkin"))).Dispose();
        var first = await FirstCardAsync();

        (await host.PostAsync(_teams.PersonalMessageFrom(_teams.Installer, "checkin Platform"))).Dispose();
        var personal = await TextReplyAsync(_teams.PersonalConversationId, "already open");
        (await host.PostAsync(_teams.ChannelMention("checkin"))).Dispose();
        var channel = await TextReplyAsync(ThreadId, "already open");

        var closes = BerlinTime(await OpenClosesAtAsync(first));
        Assert.Contains($"{closes} ({BerlinZone})", personal, StringComparison.Ordinal);
        Assert.Contains($"{closes} ({BerlinZone})", channel, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", personal, StringComparison.Ordinal);
        Assert.Equal(1, CheckInCardsPosted());
        Assert.Equal(1, await CheckInRowsAsync());
    }

    [Fact]
    public async Task Checkin_InTheLeadersChat_QuotesTheClosingTimeInTheTeamsZone()
    {
        await InstallBerlinTeamAsync();

        using var response = await host.PostAsync(_teams.PersonalMessageFrom(_teams.Installer, "checkin"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await TextReplyAsync(_teams.PersonalConversationId, "Done:");
        var closes = BerlinTime(await OpenClosesAtAsync(await FirstCardAsync()));
        Assert.Contains($"until {closes} ({BerlinZone})", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkin_TwoAtTheSameMoment_OpenOnlyOne()
    {
        await InstallBerlinTeamAsync();

        var responses = await Task.WhenAll(
            host.PostAsync(_teams.ChannelMention("checkin")),
            host.PostAsync(_teams.PersonalMessageFrom(_teams.Installer, "checkin")));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        await TextReplyAsync(null, "already open");
        Assert.Equal(1, CheckInCardsPosted());
        Assert.Equal(1, await CheckInRowsAsync());
    }

    [Fact]
    public async Task ScheduledCheckIn_WhileOneIsOpen_IsSkippedAndSettled()
    {
        await InstallBerlinTeamAsync();
        (await host.PostAsync(_teams.ChannelMention("checkin"))).Dispose();
        await FirstCardAsync();

        // The outbox worker's own handler, as the scheduler's due occurrence reaches it.
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetServices<IOutboundHandler>().Single(h => h.Kind == OutboundKinds.CheckIn);
        var send = new OutboundSend($"{OutboundKinds.CheckIn}:test:{Guid.NewGuid():N}", OutboundKinds.CheckIn, _teams.TenantId, _teams.TeamId, null, "{}");
        var result = await sender.SendAsync(send, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        Assert.Equal(1, CheckInCardsPosted());
        Assert.Equal(1, await CheckInRowsAsync());
    }

    [Fact]
    public async Task Checkin_AfterTheOpenOneClosed_OpensTheNextOne()
    {
        await InstallBerlinTeamAsync();
        var script = new CheckInScript(host, _teams);
        await script.StartAsync();
        Assert.True(await script.CloseAsync());

        (await host.PostAsync(_teams.ChannelMention("checkin"))).Dispose();

        await host.Connector.WaitForRequestAsync(
            r => IsCheckInCard(r) && PostedCards.ActionData(PostedCards.CardOf(r), "checkInId") != script.CheckInId, Wait);
        Assert.Equal(2, await CheckInRowsAsync());
    }

    /// <summary>Installs the team and gives it k = 7 and the zone Europe/Berlin, as a saved settings card would.</summary>
    private async Task InstallBerlinTeamAsync()
    {
        host.Connector.SetRoster([StubConnector.Member(_teams.UserId, "Ada Lovelace", _teams.UserAadObjectId)], _teams.TeamId);
        (await host.PostAsync(_teams.TeamInstall())).Dispose();
        await host.Table("Installations").UpdateEntityAsync(
            new TableEntity(_teams.TenantId, _teams.TeamId)
            {
                ["AnonymityThreshold"] = 7,
                ["ScheduleDay"] = "Tuesday",
                ["ScheduleTime"] = "10:00:00",
                ["ScheduleTimeZone"] = BerlinZone,
            },
            ETag.All,
            TableUpdateMode.Merge);
    }

    private async Task<string> FirstCardAsync()
    {
        var posted = await host.Connector.WaitForRequestAsync(IsCheckInCard, Wait);
        return PostedCards.ActionData(PostedCards.CardOf(posted), "checkInId")!;
    }

    private bool IsCheckInCard(RecordedRequest r) =>
        r.Method == "POST" && r.ConversationId == _teams.SelectedChannelId && r.BodyText.Contains("checkin.vote", StringComparison.Ordinal);

    private int CheckInCardsPosted() => host.Connector.Requests.Count(IsCheckInCard);

    private async Task<int> CheckInRowsAsync()
    {
        var count = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {_teams.TenantId} and InstallationKey eq {_teams.TeamId}");
        await foreach (var _ in host.Table("CheckIns").QueryAsync<TableEntity>(filter))
        {
            count++;
        }

        return count;
    }

    private async Task<DateTimeOffset> OpenClosesAtAsync(string checkInId)
    {
        var checkIn = await host.Factory.Services.GetRequiredService<ICheckInStore>().GetAsync(_teams.TenantId, checkInId, CancellationToken.None);
        return checkIn!.ClosesAt;
    }

    private static string BerlinTime(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(BerlinZone)).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A plain-text reply containing <paramref name="containing"/>, in one conversation or (null) any of this test's.</summary>
    private async Task<string> TextReplyAsync(string? conversationPath, string containing)
    {
        var reply = await host.Connector.WaitForRequestAsync(
            r => r.Method == "POST"
                && (conversationPath is null
                    ? r.Path == $"/v3/conversations/{ThreadId}/activities" || r.Path == $"/v3/conversations/{_teams.PersonalConversationId}/activities"
                    : r.Path == $"/v3/conversations/{conversationPath}/activities")
                && (r.Body?["text"]?.GetValue<string>() ?? "").Contains(containing, StringComparison.Ordinal),
            Wait);
        return reply.Body!["text"]!.GetValue<string>();
    }
}
