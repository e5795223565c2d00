using System.Globalization;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using TrustBot.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TrustBot.Web.Tests.CheckIns;

/// <summary>
/// Adversary B: a member who watches every view and knows who clicked when. A check-in is driven vote by vote through
/// the real pipeline; after every single vote, each view that shows figures is read, and none may have changed by
/// fewer than k ballots since it last changed.
/// </summary>
[Collection(BotHostGroup.Name)]
public sealed partial class DifferencingTests(BotHostFixture host, ITestOutputHelper output)
{
    private const int K = 3;

    [Fact]
    public async Task VoteByVote_NoViewEverChangesByFewerThanKBallots()
    {
        var teams = new TeamsActivities(host.ServiceUrl, Guid.NewGuid().ToString());
        (await host.PostAsync(teams.TeamInstall())).Dispose();
        await host.Table("Installations").UpdateEntityAsync(
            new TableEntity(teams.TenantId, teams.TeamId) { ["AnonymityThreshold"] = K }, ETag.All, TableUpdateMode.Merge);
        var script = new CheckInScript(host, teams);
        await script.StartAsync();
        var watcher = TeamsUser.Create(100);
        var members = Enumerable.Range(1, 14).Select(TeamsUser.Create).ToList();
        var random = new Random(7);

        // The watcher answers first, so their refreshed view shows results as soon as any are published.
        await script.VoteAsync(watcher, value: 4);
        var watched = new WatchedFigure("watcher's view");
        var voterViews = new WatchedFigure("each voter's own view");
        var published = new WatchedFigure("published tally");
        var changes = 0;
        foreach (var member in members)
        {
            voterViews.See(Figure(await script.VoteAsync(member, value: random.Next(1, 8))));

            // Votes come at uneven moments, now and then across a fold time (every two seconds here).
            await Task.Delay(random.Next(0, 1500));
            watched.See(Figure(await script.RefreshAsync(watcher)));
            voterViews.See(Figure(await script.RefreshAsync(member)));
            var tally = await script.TallyAsync();
            published.See(tally.Replies == 0 ? null : new Shown(tally.Replies, string.Join(";", tally.Counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => string.Join(",", c.Value)))));
            changes = watched.Changes;
        }

        // The last groups: every ballot that made a group of k is published, and every view read once more.
        await script.WaitForRepliesAsync(15 - (K - 1));
        await Task.Delay(3000);
        watched.See(Figure(await script.RefreshAsync(watcher)));
        var final = await script.TallyAsync();
        published.See(new Shown(final.Replies, string.Join(";", final.Counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => string.Join(",", c.Value)))));
        changes = watched.Changes;

        foreach (var view in new[] { watched, voterViews, published })
        {
            output.WriteLine(view.ToString());
            Assert.All(view.Steps, step => Assert.True(step >= K, $"{view.Name} changed by {step} ballots, fewer than k = {K}"));
        }

        // The check-in really published along the way (15 votes, k = 3): the test watched figures move, not a frozen card.
        Assert.True(changes >= 2, $"the watcher's view changed only {changes} times");
        Assert.InRange(published.Last!.Replies, 15 - (K - 1), 15);
    }

    /// <summary>The figures a results view shows (replies and the text of every score), or null for a view without results.</summary>
    private static Shown? Figure(System.Text.Json.Nodes.JsonObject card)
    {
        var text = PostedCards.Text(card);
        if (!text.Contains("out of 100", StringComparison.Ordinal))
        {
            return null;
        }

        var replies = int.Parse(Replies().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
        return new Shown(replies, text);
    }

    [GeneratedRegex(@"(\d+) repl")]
    private static partial Regex Replies();

    private sealed record Shown(int Replies, string Figures);

    /// <summary>One view's figures over time: every time they change, by how many ballots.</summary>
    private sealed class WatchedFigure(string name)
    {
        private readonly List<int> _steps = [];

        public string Name { get; } = name;

        public Shown? Last { get; private set; }

        public IReadOnlyList<int> Steps => _steps;

        public int Changes => _steps.Count;

        public void See(Shown? shown)
        {
            if (shown is null)
            {
                return;
            }

            // A view never goes back to fewer replies, and its figures never change without the replies changing.
            if (Last is not null && shown.Figures != Last.Figures)
            {
                _steps.Add(shown.Replies - Last.Replies);
            }

            if (Last is null)
            {
                _steps.Add(shown.Replies);
            }

            Last = shown;
        }

        public override string ToString() => $"{Name}: changed by {string.Join(", ", _steps)} ballots";
    }
}
