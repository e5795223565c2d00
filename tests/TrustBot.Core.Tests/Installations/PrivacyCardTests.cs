using System.Text.Json.Nodes;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Tests.Installations;

public sealed class PrivacyCardTests
{
    [Fact]
    public void Build_Team_SaysWhatIsStoredNeverStoredAndWhoSeesWhat()
    {
        var text = Text(PrivacyCard.Build(ConversationKind.Channel, 5, TimeSpan.FromDays(180), TimeSpan.FromDays(30)));

        Assert.Contains("What I store", text, StringComparison.Ordinal);
        Assert.Contains("What I never store", text, StringComparison.Ordinal);
        Assert.Contains("Who sees what", text, StringComparison.Ordinal);
        Assert.Contains("Who gave which answer", text, StringComparison.Ordinal);
        Assert.Contains("leaders and IT admins included", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TeamSettings_NamesTheThresholdAndRetentionInForce()
    {
        var text = Text(PrivacyCard.Build(ConversationKind.Channel, 8, TimeSpan.FromDays(90), TimeSpan.FromDays(14)));

        Assert.Contains("at least 8 people", text, StringComparison.Ordinal);
        Assert.Contains("for 90 days", text, StringComparison.Ordinal);
        Assert.Contains("14 days later", text, StringComparison.Ordinal);
        Assert.DoesNotContain("at least 5 people", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BelowK_SaysTheReplyCountIsShownAndNothingElse()
    {
        var text = Text(PrivacyCard.Build(ConversationKind.Channel, 7, TimeSpan.FromDays(180), TimeSpan.FromDays(30)));

        // The check-in card shows "n replies so far; results appear at k": the notice must say exactly that much.
        Assert.Contains(
            "**Before that:** only how many people have replied so far. No answer, distribution or score is shown to anyone.",
            text,
            StringComparison.Ordinal);
        Assert.DoesNotContain("no count", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Build_LeaderOfTeamsWithDifferentK_NamesEachTeamsK()
    {
        var thresholds = TrustBot.Core.Anonymity.AnonymityThresholds.PerTeam([("Platform Team", 7), ("Ops Team", 4)]);

        var text = Text(PrivacyCard.Build(ConversationKind.Personal, thresholds, TimeSpan.FromDays(180), TimeSpan.FromDays(30)));

        Assert.Contains("once enough people (at least 7 in Platform Team, 4 in Ops Team) have answered", text, StringComparison.Ordinal);
        Assert.DoesNotContain("at least 5", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SaysNotesAreSharedInGroupsOfKNeverOneAtATime()
    {
        var text = Text(PrivacyCard.Build(ConversationKind.Channel, 8, TimeSpan.FromDays(180), TimeSpan.FromDays(30)));

        Assert.Contains("in random order and in groups from at least 8 people, never one at a time", text, StringComparison.Ordinal);
        Assert.DoesNotContain("notes of prompts", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_GroupChat_SpeaksOfTheChat()
    {
        var text = Text(PrivacyCard.Build(ConversationKind.GroupChat, 5, TimeSpan.FromDays(180), TimeSpan.FromDays(30)));

        Assert.Contains("about this chat", text, StringComparison.Ordinal);
        Assert.DoesNotContain("about this team", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ThresholdBelowThree_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PrivacyCard.Build(ConversationKind.Channel, 2, TimeSpan.FromDays(180), TimeSpan.FromDays(30)));
    }

    [Fact]
    public void PrivacyNotice_Team_UsesItsThresholdAndTheConfiguredRetention()
    {
        var notice = new PrivacyNotice(
            Microsoft.Extensions.Options.Options.Create(new TrustBot.Core.Anonymity.AnonymityOptions { DefaultThreshold = 5 }),
            Microsoft.Extensions.Options.Options.Create(new TrustBot.Core.Retention.RetentionOptions { NotesMaxAge = TimeSpan.FromDays(60), RemovedTeamGracePeriod = TimeSpan.FromDays(10) }));
        var team = TestTeams.InstalledAt(DateTimeOffset.UnixEpoch) with { AnonymityThreshold = 7 };

        var text = Text(notice.Build(team));

        Assert.Contains("at least 7 people", text, StringComparison.Ordinal);
        Assert.Contains("for 60 days", text, StringComparison.Ordinal);
        Assert.Contains("10 days later", text, StringComparison.Ordinal);
    }

    private static string Text(JsonObject card) => card.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
