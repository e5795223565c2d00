using TrustBot.Core.Habits;
using TrustBot.Core.Nudges;

namespace TrustBot.Core.Tests.Nudges;

public sealed class HabitChooserTests
{
    private static readonly IReadOnlyList<HabitCandidate> Candidates =
        HabitLibrary.Default.Habits.Select(h => new HabitCandidate(h.Id, h.Strategy, h.Dimensions)).ToList();

    private readonly NudgeWorld _world = new();

    [Fact]
    public async Task ChooseAsync_AboveThresholdResults_PicksHabitForWeakestDimension()
    {
        _world.AddClosedCheckIn("ci-1", NudgeWorld.RiskWeakest(replies: 5));

        var habit = await ChooseAsync([]);

        Assert.NotNull(habit);
        Assert.Contains("risk", habit.Dimensions);
    }

    [Fact]
    public async Task ChooseAsync_OnlyBelowThresholdResults_RotatesAcrossStrategies()
    {
        _world.AddClosedCheckIn("ci-below", NudgeWorld.RiskWeakest(replies: 2));

        var habit = await ChooseAsync([]);

        var byRotation = NudgePicker.Pick(Candidates, [], [], NudgeWorld.MondayNine, rotationIndex: 0);
        var hadTheScoresCounted = NudgePicker.Pick(Candidates, [new DimensionScore("risk", 0, 2)], [], NudgeWorld.MondayNine, 0);
        Assert.NotEqual(byRotation, hadTheScoresCounted);
        Assert.Equal(byRotation, habit?.Id);
    }

    [Fact]
    public async Task ChooseAsync_RotationIndex_IsTheNumberOfNudgesSoFar()
    {
        var history = new[] { Record("ng-a", "no-such-habit-a", 20), Record("ng-b", "no-such-habit-b", 19) };

        var habit = await ChooseAsync(history);

        Assert.Equal(NudgePicker.Pick(Candidates, [], [], NudgeWorld.MondayNine, rotationIndex: 2), habit?.Id);
        Assert.NotEqual(NudgePicker.Pick(Candidates, [], [], NudgeWorld.MondayNine, rotationIndex: 0), habit?.Id);
    }

    [Fact]
    public async Task ChooseAsync_WeakestHabitSentWithinEightWeeks_NotRepeated()
    {
        _world.AddClosedCheckIn("ci-1", NudgeWorld.RiskWeakest(replies: 5));
        var first = await ChooseAsync([]);

        var second = await ChooseAsync([Record("ng-1", first!.Id, weeksAgo: 7)]);

        Assert.NotNull(second);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Contains("risk", second.Dimensions);
    }

    [Fact]
    public async Task ChooseAsync_HabitSentNineWeeksAgo_MayComeBack()
    {
        _world.AddClosedCheckIn("ci-1", NudgeWorld.RiskWeakest(replies: 5));
        var first = await ChooseAsync([]);

        var again = await ChooseAsync([Record("ng-1", first!.Id, weeksAgo: 9, NudgeResponse.Done)]);

        Assert.Equal(first.Id, again?.Id);
    }

    [Fact]
    public async Task ChooseAsync_HabitMarkedNotForMeLongAgo_NeverChosenAgain()
    {
        _world.AddClosedCheckIn("ci-1", NudgeWorld.RiskWeakest(replies: 5));
        var first = await ChooseAsync([]);

        var after = await ChooseAsync([Record("ng-1", first!.Id, weeksAgo: 40, NudgeResponse.NotForMe)]);

        Assert.NotNull(after);
        Assert.NotEqual(first.Id, after.Id);
    }

    private Task<Habit?> ChooseAsync(IReadOnlyList<NudgeRecord> history) =>
        _world.Chooser().ChooseAsync(TestIds.TenantId, TestIds.TeamId, history, NudgeWorld.MondayNine, CancellationToken.None);

    private static NudgeRecord Record(string nudgeId, string habitId, int weeksAgo, NudgeResponse response = NudgeResponse.None) =>
        new(TestIds.TenantId, TestIds.TeamId, NudgeWorld.LeaderId, nudgeId, habitId, NudgeWorld.MondayNine.AddDays(-7 * weeksAgo), response);
}
