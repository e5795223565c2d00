using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Core.SpeakUp;
using TrustBot.Testing.Connector;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.SpeakUp;

/// <summary>
/// A team that shares notes in its channel: through HTTP and the real hosted job, notes reach the channel as
/// "A teammate shared: …" only once k people answered, and each note only once.
/// </summary>
[Collection(BotHostGroup.Name)]
public sealed class NoteRepostTests(BotHostFixture host)
{
    private const int Threshold = 5;

    [Fact]
    public async Task SharedTeam_NotesArePostedToTheChannelOnlyAfterKPeopleAnsweredAndOnlyOnce()
    {
        var teams = new TeamsActivities(host.ServiceUrl, Guid.NewGuid().ToString());
        var members = Enumerable.Range(1, Threshold).Select(TeamsUser.Create).ToList();
        var texts = members.Select((_, i) => $"Note {i}: we skip retros when things get busy.").ToList();
        (await host.PostAsync(teams.TeamInstall())).Dispose();
        await ShareNotesInChannelAsync(teams);
        var sessionId = await StartSpeakUpAsync(teams);

        for (var i = 0; i < Threshold - 1; i++)
        {
            await SubmitAsync(teams, sessionId, members[i], texts[i]);
        }

        await WaitForStoredNotesAsync(teams.TenantId, sessionId, Threshold - 1);
        // Several closing ticks (200 ms each) pass with every stored note below k.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.Empty(Reposts(teams));

        await SubmitAsync(teams, sessionId, members[^1], texts[^1]);
        await WaitForStoredNotesAsync(teams.TenantId, sessionId, Threshold);
        await WaitUntilAsync(() => Reposts(teams).Count >= Threshold, "the notes were not re-posted");
        // More ticks: nothing is posted twice.
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(
            texts.Select(t => $"A teammate shared: “{t}”").Order(StringComparer.Ordinal),
            Reposts(teams).Order(StringComparer.Ordinal));
    }

    private List<string> Reposts(TeamsActivities teams) =>
    [
        .. host.Connector.Requests
            .Where(r => r.Operation == StubOperation.SendToConversation && r.ConversationId == teams.SelectedChannelId)
            .Select(r => r.Body?["text"]?.GetValue<string>())
            .OfType<string>()
            .Where(t => t.StartsWith("A teammate shared", StringComparison.Ordinal)),
    ];

    /// <summary>The setting is data for now (the settings card comes later), so the test writes it into the row.</summary>
    private async Task ShareNotesInChannelAsync(TeamsActivities teams)
    {
        var table = host.Table("Installations");
        var row = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Key eq {teams.TeamId}")).SingleAsync();
        await table.UpdateEntityAsync(
            new TableEntity(row.PartitionKey, row.RowKey) { ["ShareNotesInChannel"] = true }, ETag.All, TableUpdateMode.Merge);
    }

    private async Task<string> StartSpeakUpAsync(TeamsActivities teams)
    {
        (await host.PostAsync(teams.ChannelMention("speakup"))).Dispose();
        var posted = await host.Connector.WaitForRequestAsync(
            r => r.Method == "POST" && r.ConversationId == teams.SelectedChannelId && r.BodyText.Contains("speakup.submit", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        return PostedCards.ActionData(PostedCards.CardOf(posted), "sessionId")!;
    }

    private async Task SubmitAsync(TeamsActivities teams, string sessionId, TeamsUser member, string text)
    {
        var data = new JsonObject { ["sessionId"] = sessionId, ["note"] = text };
        using var response = await host.PostAsync(teams.CardAction("speakup.submit", data, member));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private async Task WaitForStoredNotesAsync(string tenantId, string sessionId, int count)
    {
        var store = host.Factory.Services.GetRequiredService<ISpeakUpStore>();
        await WaitUntilAsync(
            async () => await store.ListNotesAsync(tenantId, sessionId, CancellationToken.None).CountAsync() >= count,
            "the notes were not stored");
    }

    private static Task WaitUntilAsync(Func<bool> condition, string failure) =>
        WaitUntilAsync(() => Task.FromResult(condition()), failure);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail(failure);
    }
}
