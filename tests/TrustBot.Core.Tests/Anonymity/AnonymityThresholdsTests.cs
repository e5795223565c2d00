using TrustBot.Core.Anonymity;

namespace TrustBot.Core.Tests.Anonymity;

public sealed class AnonymityThresholdsTests
{
    [Fact]
    public void Of_OneTeam_NamesItsNumber()
    {
        Assert.Equal("at least 7 people", AnonymityThresholds.Of(7).People);
    }

    [Fact]
    public void PerTeam_AllTheSame_NamesOneNumber()
    {
        var thresholds = AnonymityThresholds.PerTeam([("Platform Team", 7), ("Ops Team", 7)]);

        Assert.Equal("at least 7 people", thresholds.People);
    }

    [Fact]
    public void PerTeam_Different_NamesEachTeamsNumber_HighestFirst()
    {
        var thresholds = AnonymityThresholds.PerTeam([("Ops Team", 4), ("Platform Team", 7)]);

        Assert.Equal("enough people (at least 7 in Platform Team, 4 in Ops Team)", thresholds.People);
        Assert.Equal(4, thresholds.Lowest);
    }

    [Fact]
    public void Of_BelowTheMinimum_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AnonymityThresholds.Of(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => AnonymityThresholds.PerTeam([]));
    }
}
