using TrustBot.Core.Nudges;
using static TrustBot.Core.Tests.Scheduling.Instants;

namespace TrustBot.Core.Tests.Nudges;

public sealed class NudgeCadenceTests
{
    private static readonly DateTimeOffset Start = At("2026-09-07T09:00:00+02:00");

    private static NudgeHistoryEntry[] Weeks(params NudgeResponse[] oldestFirst) =>
        oldestFirst.Select((r, i) => new NudgeHistoryEntry($"h-{i}", Start.AddDays(7 * i), r)).ToArray();

    [Fact]
    public void IntervalFor_NoHistory_IsWeekly()
    {
        Assert.Equal(TimeSpan.FromDays(7), NudgeCadence.IntervalFor([]));
    }

    [Fact]
    public void IntervalFor_TwoIgnored_StaysWeekly()
    {
        var history = Weeks(NudgeResponse.Done, NudgeResponse.None, NudgeResponse.None);

        Assert.Equal(TimeSpan.FromDays(7), NudgeCadence.IntervalFor(history));
    }

    [Fact]
    public void IntervalFor_ThreeIgnoredInARow_BacksOffToFourteenDays()
    {
        var history = Weeks(NudgeResponse.Done, NudgeResponse.None, NudgeResponse.None, NudgeResponse.None);

        Assert.Equal(TimeSpan.FromDays(14), NudgeCadence.IntervalFor(history));
    }

    [Fact]
    public void IntervalFor_DoneAfterThreeIgnored_ResetsToWeekly()
    {
        var history = Weeks(NudgeResponse.None, NudgeResponse.None, NudgeResponse.None, NudgeResponse.Done);

        Assert.Equal(TimeSpan.FromDays(7), NudgeCadence.IntervalFor(history));
    }

    [Theory]
    [InlineData(NudgeResponse.RemindTomorrow)]
    [InlineData(NudgeResponse.Another)]
    [InlineData(NudgeResponse.NotForMe)]
    public void IntervalFor_AnyResponseAfterIgnored_ResetsToWeekly(NudgeResponse response)
    {
        var history = Weeks(NudgeResponse.None, NudgeResponse.None, NudgeResponse.None, NudgeResponse.None, response);

        Assert.Equal(TimeSpan.FromDays(7), NudgeCadence.IntervalFor(history));
    }

    [Fact]
    public void IntervalFor_UnorderedHistory_CountsFromTheMostRecent()
    {
        var history = Weeks(NudgeResponse.Done, NudgeResponse.None, NudgeResponse.None, NudgeResponse.None).Reverse().ToArray();

        Assert.Equal(TimeSpan.FromDays(14), NudgeCadence.IntervalFor(history));
    }
}
