using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.Cards;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Digests;
using TrustBot.Core.Nudges;
using TrustBot.Core.Reminders;
using TrustBot.Core.Scheduling;
using TrustBot.Core.SpeakUp;
using TrustBot.Testing.Connector;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Telemetry;

/// <summary>
/// One team's session on a fake clock, through HTTP: install, the scheduled check-in, three of seven members vote,
/// a speak-up note, the reminder to the others, the close, the leader's digest and nudge. Returns every identifier the
/// session used, including every table key read from storage while it ran.
/// </summary>
internal sealed partial class TelemetrySession(BotHostFixture fixture, BotApplicationFactory factory, FakeTimeProvider clock, string tablePrefix)
{
    private readonly HttpClient _client = factory.CreateClient();
    private readonly TeamsActivities _teams = new(fixture.ServiceUrl, Guid.NewGuid().ToString());

    public async Task<IReadOnlyList<string>> RunAsync(string note)
    {
        var members = Enumerable.Range(1, 6).Select(TeamsUser.Create).Prepend(_teams.Installer).ToList();
        fixture.Connector.SetRoster(members.Select(m => StubConnector.Member(m.Id, m.Name, m.AadObjectId)), _teams.TeamId);
        fixture.Connector.SetRoster(members.Select(m => StubConnector.Member(m.Id, m.Name, m.AadObjectId)), _teams.SelectedChannelId);
        var keys = new StorageKeys(fixture.Azurite.ConnectionString, tablePrefix);
        var since = fixture.Connector.Requests.Count;

        Assert.Equal(HttpStatusCode.OK, await PostAsync(_teams.TeamInstall()));
        var checkInCard = await StepUntilAsync(() => Sent(since, r => r.ConversationId == _teams.SelectedChannelId && Summary(r) == CheckInCard.Summary), TimeSpan.FromDays(8));
        var card = PostedCards.CardOf(checkInCard!);
        var checkInId = PostedCards.ActionData(card, "checkInId")!;
        var inputs = PostedCards.InputIds(card);
        for (var i = 1; i <= 3; i++)
        {
            var answers = new JsonObject { ["checkInId"] = checkInId };
            foreach (var input in inputs)
            {
                answers[input] = "5";
            }

            Assert.Equal(HttpStatusCode.OK, await PostAsync(_teams.CardAction("checkin.vote", answers, members[i])));
        }

        var sessionId = await SpeakUpAsync(members[4], note, since);
        await keys.ReadAsync();

        // Members 4 to 6 and the installer did not vote; each is reminded in a personal chat, then the check-in closes.
        await StepUntilAsync(() => Sent(since, r => Summary(r) == ReminderCard.Summary, count: 4), TimeSpan.FromDays(4));
        await keys.ReadAsync();
        await StepUntilAsync(
            () => Sent(since, r => Summary(r) == DigestCard.Summary) is not null && Sent(since, r => Summary(r) == NudgeCard.Summary) is not null ? new object() : null,
            TimeSpan.FromDays(12),
            onDay: keys.ReadAsync);
        await keys.ReadAsync();

        var chats = members.Select(m => fixture.Connector.PersonalConversationId(_teams.TenantId, m.Id)).OfType<string>().ToList();
        Assert.NotEmpty(chats);
        var hashes = keys.Keys.SelectMany(k => HexRun().Matches(k).Select(m => m.Value));
        return members.SelectMany(m => new[] { m.Id, m.AadObjectId, m.Name, m.PersonalConversationId })
            .Concat(chats)
            .Concat([_teams.TeamId, _teams.SelectedChannelId, _teams.TenantId, checkInId, sessionId, note])
            .Concat(keys.Keys.Where(IsIdentifying))
            .Concat(hashes)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    // Fixed keys ("settings", "ballots:fold") name a row kind; keys that carry an id are long and have digits.
    private static bool IsIdentifying(string key) => key.Length >= 12 && key.Any(char.IsAsciiDigit);

    private static string? Summary(RecordedRequest request) => (string?)request.Body?["summary"];

    private RecordedRequest? Sent(int since, Func<RecordedRequest, bool> match, int count = 1)
    {
        var found = fixture.Connector.Requests.Skip(since)
            .Where(r => r.Operation == StubOperation.SendToConversation && r.ResponseStatusCode is >= 200 and < 300 && match(r))
            .ToList();
        return found.Count >= count ? found[0] : null;
    }

    private async Task<string> SpeakUpAsync(TeamsUser author, string note, int since)
    {
        Assert.Equal(HttpStatusCode.OK, await PostAsync(_teams.ChannelMention("speakup")));
        var prompt = await StepUntilAsync(() => Sent(since, r => r.ConversationId == _teams.SelectedChannelId && Summary(r) == SpeakUpCard.Summary), TimeSpan.FromHours(1));
        var sessionId = PostedCards.ActionData(PostedCards.CardOf(prompt!), "sessionId")!;
        var data = new JsonObject { ["sessionId"] = sessionId, ["note"] = note };
        Assert.Equal(HttpStatusCode.OK, await PostAsync(_teams.CardAction(CardVerbs.SpeakUpSubmit, data, author)));
        return sessionId;
    }

    private async Task<T> StepUntilAsync<T>(Func<T?> done, TimeSpan limit, Func<Task>? onDay = null)
        where T : class
    {
        var end = clock.GetUtcNow() + limit;
        var hours = 0;
        while (true)
        {
            await WaitIdleAsync();
            if (done() is { } result)
            {
                return result;
            }

            Assert.True(clock.GetUtcNow() < end, $"Not reached within {limit} of simulated time.");
            clock.Advance(TimeSpan.FromHours(1));
            if (++hours % 24 == 0 && onDay is not null)
            {
                await onDay();
            }
        }
    }

    private async Task WaitIdleAsync()
    {
        var timetable = factory.Services.GetRequiredService<ITimetable>();
        var outbox = new Azure.Storage.Queues.QueueClient(fixture.Azurite.ConnectionString, tablePrefix.ToLowerInvariant() + "outbox");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var nudged = TimeSpan.Zero;
        while ((await timetable.ListDueAsync(clock.GetUtcNow(), 1, CancellationToken.None)).Count > 0
            || (await outbox.ExistsAsync() && (await outbox.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "The host did not finish the work that was due.");
            // Polls and the Connector rate limiter wait on the fake clock: when the work stands still, move it a second.
            if (waited.Elapsed - nudged > TimeSpan.FromMilliseconds(100))
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                nudged = waited.Elapsed;
            }

            await Task.Delay(10);
        }
    }

    // Tokens are minted around the fake now; the clock moves while a turn waits on the rate limiter.
    private async Task<HttpStatusCode> PostAsync(JsonObject activity)
    {
        var now = clock.GetUtcNow();
        var token = fixture.Issuer.CreateToken(BotHostFixture.AppId, fixture.ServiceUrl, notBefore: now.AddMinutes(-5), expires: now.AddHours(1));
        var post = BotHostFixture.PostRawAsync(_client, activity.ToJsonString(), token);
        while (await Task.WhenAny(post, Task.Delay(50)) != post)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        using var response = await post;
        return response.StatusCode;
    }

    [GeneratedRegex("[0-9a-f]{64}")]
    private static partial Regex HexRun();
}
