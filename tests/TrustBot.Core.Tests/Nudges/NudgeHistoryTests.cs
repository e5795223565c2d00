using TrustBot.Core.Nudges;

namespace TrustBot.Core.Tests.Nudges;

public sealed class NudgeHistoryTests
{
    [Fact]
    public void Streak_NoNudges_IsZero()
    {
        Assert.Equal(0, NudgeHistory.Streak([]));
    }

    [Fact]
    public void Streak_DonesInARow_CountsUntilTheFirstOtherAnswer()
    {
        var records = Nudges(NudgeResponse.Done, NudgeResponse.Done, NudgeResponse.Another, NudgeResponse.Done);

        Assert.Equal(2, NudgeHistory.Streak(records));
    }

    [Fact]
    public void Streak_IgnoredAndSnoozedNudges_NeitherCountNorBreak()
    {
        var records = Nudges(NudgeResponse.None, NudgeResponse.Done, NudgeResponse.RemindTomorrow, NudgeResponse.Done, NudgeResponse.None, NudgeResponse.Done, NudgeResponse.NotForMe, NudgeResponse.Done);

        Assert.Equal(3, NudgeHistory.Streak(records));
    }

    [Fact]
    public void Streak_NewestAnswerNotDone_IsZero()
    {
        var records = Nudges(NudgeResponse.NotForMe, NudgeResponse.Done, NudgeResponse.Done);

        Assert.Equal(0, NudgeHistory.Streak(records));
    }

    [Fact]
    public void Streak_UnorderedInput_OrdersBySentAt()
    {
        var records = Enumerable.Reverse(Nudges(NudgeResponse.Done, NudgeResponse.Another)).ToList();

        Assert.Equal(1, NudgeHistory.Streak(records));
    }

    /// <summary>Nudges with these responses, newest first, a week apart.</summary>
    private static List<NudgeRecord> Nudges(params NudgeResponse[] newestFirst) => newestFirst
        .Select((response, i) => new NudgeRecord(
            TestIds.TenantId, TestIds.TeamId, NudgeWorld.LeaderId, $"ng-{i}", $"habit-{i}", NudgeWorld.MondayNine.AddDays(-7 * i), response))
        .ToList();
}
