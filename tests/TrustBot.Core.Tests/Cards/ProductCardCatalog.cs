using System.Text.Json.Nodes;
using TrustBot.Core.Habits;
using TrustBot.Core.Messaging;
using TrustBot.Core.Nudges;
using TrustBot.Core.Settings;
using TrustBot.Core.Tests.CheckIns;
using TrustBot.Core.Tests.Digests;
using TrustBot.Core.Tests.Leaders;
using TrustBot.Core.Tests.Nudges;
using TrustBot.Core.Tests.Settings;
using TrustBot.Core.Tests.SpeakUp;

namespace TrustBot.Core.Tests.Cards;

/// <summary>
/// One sample of every card view the product builds, named by card and view. It reuses each card test's own views,
/// so a view added there is checked by the official library too.
/// </summary>
internal static class ProductCardCatalog
{
    public static IEnumerable<(string Name, JsonObject Card)> All()
    {
        foreach (var kind in Enum.GetValues<ConversationKind>())
        {
            foreach (var name in new[] { "welcome", "help", "privacy" })
            {
                yield return ($"{name}-{kind}", CardTests.Build(name, kind));
            }
        }

        foreach (var (prefix, views, build) in Views())
        {
            foreach (var view in views)
            {
                yield return ($"{prefix}-{view}", build(view));
            }
        }

        var habit = HabitLibrary.Default.Habits[0];
        yield return ("nudge-replaced", NudgeCard.Replaced(habit));

        var team = LeaderTestData.Team();
        var leaders = new[] { SettingsCardTests.Ada };
        yield return ("settings-form", SettingsCard.Build(team, SettingsValues.Current(team, leaders, 5), SettingsCardTests.SmallChoices(), leaders, [], LeaderTestData.Now));
        yield return ("settings-form-with-problems", SettingsCard.Build(
            team, SettingsValues.Current(team, leaders, 5), SettingsCardTests.SmallChoices(), leaders, [SettingsValidator.ThresholdProblem], LeaderTestData.Now));
        yield return ("settings-saved", SettingsCard.Saved(team, leaders, "Check-ins", ["Grace Hopper now leads **Platform Team**."], LeaderTestData.Now.AddDays(1), LeaderTestData.Now));
        yield return ("settings-refused", SettingsCard.Refused(SettingsActionHandler.NotALeaderMessage));
    }

    private static IEnumerable<(string Prefix, IEnumerable<string> Views, Func<string, JsonObject> Build)> Views() =>
    [
        ("checkin", Names(CheckInCardTests.Views()), CheckInCardTests.Build),
        ("speakup", Names(SpeakUpCardTests.Views()), SpeakUpCardTests.Build),
        ("notes", Names(NotesCardTests.Views()), NotesCardTests.Build),
        ("note-release", Names(NoteReleaseCardTests.Views()), NoteReleaseCardTests.Build),
        ("nudge", Names(NudgeCardTests.Views()), NudgeCardTests.Build),
        ("digest", Names(DigestCardTests.Views()), DigestCardTests.Build),
    ];

    private static IEnumerable<string> Names(TheoryData<string> views) => views.Cast<object?[]>().Select(row => (string)row[0]!);
}
