using System.Net;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Core.Digests;
using TrustBot.Core.Installations;
using TrustBot.Core.Scheduling;
using TrustBot.Core.SpeakUp;
using TrustBot.Testing.Connector;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.SpeakUp;

/// <summary>
/// Adversary B watches every view of a speak-up prompt's notes and knows who clicked when. Through HTTP, the real
/// intake, scheduler and outbox on two instances, notes are sent one by one; after every single note each view (the
/// channel posts, the leader's <c>notes</c> card and the digest) must be unchanged or have grown by at least k notes.
/// A group of k is released together, the rest only after the close, and no note is lost or shown twice.
/// </summary>
[Collection(BotHostGroup.Name)]
public sealed class NoteReleaseTests(BotHostFixture fixture)
{
    private const int K = 3;
    private const int Notes = 8;
    private static readonly TimeSpan ReleaseInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task NotesSentOneByOne_EveryViewChangesOnlyByGroupsOfKAndTheRestComesAtClose()
    {
        await using var hosts = new NoteReleaseHosts(fixture, new Dictionary<string, string?>
        {
            ["Anonymity:DefaultThreshold"] = K.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SpeakUp:ReleaseInterval"] = "00:01:00",
            ["SpeakUp:ReleaseSettle"] = "00:05:00",
            // The tests step the scheduler and outbox themselves; the hosts' own loops stay out of the way.
            ["Delivery:PollInterval"] = "01:00:00",
        });
        var teams = new TeamsActivities(fixture.ServiceUrl, Guid.NewGuid().ToString());
        var members = Enumerable.Range(1, Notes).Select(TeamsUser.Create).ToList();
        var texts = members.Select((_, i) => $"Note {i}: retros get skipped when we are busy.").ToList();
        await InstallSharingTeamAsync(hosts, teams, members);
        var sessionId = await StartSpeakUpAsync(hosts, teams);
        var views = new Views(hosts, teams, fixture.Connector);
        var seen = await views.ReadAsync();
        Assert.All(seen.All, Assert.Empty);

        for (var i = 0; i < Notes; i++)
        {
            await SubmitAsync(hosts, i % 2, teams, sessionId, members[i], texts[i]);
            await WaitForStoredAsync(hosts, teams.TenantId, sessionId, i + 1);
            hosts.Clock.Advance(ReleaseInterval);
            await hosts.StepAsync();

            var now = await views.ReadAsync();
            AssertChangedByAGroupOrNotAtAll(seen, now, $"after note {i + 1}");
            // A group is released as soon as k are held, never later than the next look: 3 after the 3rd note, 6 after the 6th.
            Assert.All(now.All, view => Assert.Equal((i + 1) / K * K, view.Count));
            seen = now;
        }

        // The prompt closes; the two held notes stay held until every note on its way has had time to land.
        var session = (await hosts.Services(0).GetRequiredService<ISpeakUpStore>().GetSessionAsync(teams.TenantId, sessionId, CancellationToken.None))!;
        hosts.Clock.SetUtcNow(session.ClosesAt + TimeSpan.FromSeconds(1));
        await WaitUntilAsync(hosts, async () => (await SessionAsync(hosts, teams.TenantId, sessionId)).IsClosed, "the prompt did not close");
        await hosts.StepAsync();
        var closed = await views.ReadAsync();
        AssertChangedByAGroupOrNotAtAll(seen, closed, "at the close");
        Assert.All(closed.All, view => Assert.Equal(6, view.Count));

        hosts.Clock.SetUtcNow(NoteReleasePolicy.FinalReleaseAt(session, Options(hosts)));
        await hosts.StepAsync();
        var final = await views.ReadAsync();
        Assert.All(final.All, view => Assert.Equal(texts.Order(StringComparer.Ordinal), view.Order(StringComparer.Ordinal)));
        Assert.Equal([K, K, 2], views.ChannelGroupSizes());

        // Later looks change nothing: nothing is posted twice.
        hosts.Clock.Advance(ReleaseInterval);
        await hosts.StepAsync();
        Assert.Equal(Notes, (await views.ReadAsync()).Channel.Count);
        Assert.Equal(3, views.ChannelGroupSizes().Count);
    }

    private static void AssertChangedByAGroupOrNotAtAll(Snapshot before, Snapshot after, string when)
    {
        foreach (var (was, now) in before.All.Zip(after.All))
        {
            // Multisets: a note shown twice would count twice.
            Assert.Equal(now.Distinct(StringComparer.Ordinal).Count(), now.Count);
            Assert.Superset(was.ToHashSet(StringComparer.Ordinal), now.ToHashSet(StringComparer.Ordinal));
            Assert.True(now.Count == was.Count || now.Count - was.Count >= K, $"{when}: a view went from {was.Count} to {now.Count} notes");
        }
    }

    private static SpeakUpOptions Options(NoteReleaseHosts hosts) =>
        hosts.Services(0).GetRequiredService<Microsoft.Extensions.Options.IOptions<SpeakUpOptions>>().Value;

    private static Task<SpeakUpSession> SessionAsync(NoteReleaseHosts hosts, string tenantId, string sessionId) =>
        hosts.Services(1).GetRequiredService<ISpeakUpStore>().GetSessionAsync(tenantId, sessionId, CancellationToken.None)!;

    /// <summary>
    /// Installs the team (its installer is the leader), makes it share notes in its channel, and takes its regular
    /// check-in, speak-up and digest off the timetable, so that jumping the clock to the close posts nothing else.
    /// </summary>
    private async Task InstallSharingTeamAsync(NoteReleaseHosts hosts, TeamsActivities teams, List<TeamsUser> members)
    {
        fixture.Connector.SetRoster(
            [.. members.Select(m => StubConnector.Member(m.Id, m.Name, m.AadObjectId)), StubConnector.Member(teams.UserId, "Ada Lovelace", teams.UserAadObjectId)],
            teams.TeamId);
        (await hosts.PostAsync(0, teams.TeamInstall())).Dispose();
        var timetable = hosts.Services(0).GetRequiredService<ITimetable>();
        await foreach (var entry in timetable.ListForInstallationAsync(teams.TenantId, teams.TeamId, CancellationToken.None))
        {
            await timetable.RemoveAsync(teams.TenantId, teams.TeamId, entry.Job, CancellationToken.None);
        }

        var table = hosts.Table("Installations");
        var row = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Key eq {teams.TeamId}")).SingleAsync();
        await table.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["ShareNotesInChannel"] = true }, ETag.All, TableUpdateMode.Merge);
    }

    private async Task<string> StartSpeakUpAsync(NoteReleaseHosts hosts, TeamsActivities teams)
    {
        (await hosts.PostAsync(1, teams.ChannelMention("speakup"))).Dispose();
        var posted = await fixture.Connector.WaitForRequestAsync(
            r => r.Method == "POST" && r.ConversationId == teams.SelectedChannelId && r.BodyText.Contains("speakup.submit", StringComparison.Ordinal),
            Wait);
        return PostedCards.ActionData(PostedCards.CardOf(posted), "sessionId")!;
    }

    private static async Task SubmitAsync(NoteReleaseHosts hosts, int host, TeamsActivities teams, string sessionId, TeamsUser member, string text)
    {
        var data = new JsonObject { ["sessionId"] = sessionId, ["note"] = text };
        using var response = await hosts.PostAsync(host, teams.CardAction("speakup.submit", data, member));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The note waits its random delay in the queue (real time); the intake polls on the fake clock, so it is moved along.</summary>
    private static Task WaitForStoredAsync(NoteReleaseHosts hosts, string tenantId, string sessionId, int count)
    {
        var store = hosts.Services(0).GetRequiredService<ISpeakUpStore>();
        return WaitUntilAsync(
            hosts, async () => await store.ListNotesAsync(tenantId, sessionId, CancellationToken.None).CountAsync() >= count, "the note was not stored");
    }

    private static async Task WaitUntilAsync(NoteReleaseHosts hosts, Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            hosts.Clock.Advance(TimeSpan.FromMilliseconds(200));
            await Task.Delay(50);
        }
    }

    /// <summary>What B can see at one moment: the notes in the channel posts, on the leader's notes card, in the digest.</summary>
    private sealed record Snapshot(List<string> Channel, List<string> Command, List<string> Digest)
    {
        public IReadOnlyList<List<string>> All => [Channel, Command, Digest];
    }

    /// <summary>Reads every view the product has of the notes.</summary>
    private sealed class Views(NoteReleaseHosts hosts, TeamsActivities teams, StubConnector connector)
    {
        private const string NotesSummary = "Anonymous notes from your team";
        private int _asked;

        public async Task<Snapshot> ReadAsync() => new(Channel(), await CommandAsync(), await DigestAsync());

        /// <summary>How many notes each channel post carried, in the order posted.</summary>
        public List<int> ChannelGroupSizes() => [.. ChannelPosts().Select(card => Quotes(card).Count)];

        private List<string> Channel() => [.. ChannelPosts().SelectMany(Quotes)];

        private IEnumerable<JsonObject> ChannelPosts() => connector.Requests
            .Where(r => r.Operation == StubOperation.SendToConversation && r.ConversationId == teams.SelectedChannelId)
            .Where(r => (string?)r.Body?["summary"] == NoteReleaseCard.Summary)
            .Select(PostedCards.CardOf);

        /// <summary>The leader sends <c>notes</c> in the 1:1 chat (to either instance) and reads the card that comes back.</summary>
        private async Task<List<string>> CommandAsync()
        {
            var host = _asked++ % 2;
            using (var response = await hosts.PostAsync(host, teams.PersonalMessage("notes")))
            {
                Assert.True(response.IsSuccessStatusCode, $"notes: {response.StatusCode}");
            }

            // The reply is queued before the 200 and sent by an outbox worker; these hosts run none, so send it here.
            await hosts.DrainOutboxAsync();

            RecordedRequest? reply = null;
            await WaitUntilAsync(hosts, () => Task.FromResult((reply = Replies().ElementAtOrDefault(_asked - 1)) is not null), "no notes card came back");
            var card = PostedCards.CardOf(reply!);
            Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"groups of at least {K}"), PostedCards.Text(card), StringComparison.Ordinal);
            return Quotes(card);
        }

        private IEnumerable<RecordedRequest> Replies() => connector.Requests
            .Where(r => r.ConversationId == teams.PersonalConversationId && (string?)r.Body?["summary"] == NotesSummary);

        /// <summary>
        /// Every note the leader's weekly digests would have shown, were one sent now and each week before: a digest
        /// shows the notes released in its week, so together they show each released note once.
        /// </summary>
        private async Task<List<string>> DigestAsync()
        {
            await using var scope = hosts.Services(1).CreateAsyncScope();
            var team = (await scope.ServiceProvider.GetRequiredService<IInstallationStore>().GetAsync(teams.TenantId, teams.TeamId, CancellationToken.None))!;
            var composer = scope.ServiceProvider.GetRequiredService<DigestComposer>();
            var notes = new List<string>();
            for (var week = 0; week < 3; week++)
            {
                var asOf = hosts.Clock.GetUtcNow() - (DigestComposer.Week * week);
                notes.AddRange(Quotes(DigestCard.Build(await composer.ComposeAsync(team, teams.UserId, asOf, CancellationToken.None))));
            }

            return notes;
        }

        private static List<string> Quotes(JsonNode card) =>
        [
            .. PostedCards.Text(card).Split('\n')
                .Where(line => line.StartsWith('“') && line.EndsWith('”'))
                .Select(line => line[1..^1]),
        ];
    }
}
