using TrustBot.Core.SpeakUp;

namespace TrustBot.Core.Tests.SpeakUp;

public sealed class NoteReleasePolicyTests
{
    private static readonly SpeakUpOptions Options = new() { MaxDelay = TimeSpan.FromMinutes(30), ReleaseSettle = TimeSpan.FromMinutes(20) };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void NextGroup_FewerThanKHeldBeforeTheFinalRelease_ReleasesNothing(int held)
    {
        Assert.Empty(NoteReleasePolicy.NextGroup(Ids(held), released: 10, threshold: 5, final: false));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(99)]
    public void NextGroup_AtLeastKHeld_ReleasesEveryHeldNoteAtOnce(int held)
    {
        var group = NoteReleasePolicy.NextGroup(Ids(held), released: 0, threshold: 5, final: false);

        Assert.Equal(Ids(held).Order(StringComparer.Ordinal), group.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(100, 5)]
    [InlineData(150, 25)]
    [InlineData(199, 3)]
    [InlineData(500, 25)]
    public void NextGroup_MoreThanOneTransactionHolds_SplitsIntoGroupsOfAtLeastKAndAtMost99(int held, int k)
    {
        var left = Ids(held);
        var sizes = new List<int>();
        while (NoteReleasePolicy.NextGroup(left, held - left.Count, k, final: false) is { Count: > 0 } group)
        {
            sizes.Add(group.Count);
            left = [.. left.Except(group, StringComparer.Ordinal)];
        }

        Assert.Empty(left);
        Assert.All(sizes, size => Assert.InRange(size, k, NoteReleasePolicy.MaxGroup));
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 3)]
    [InlineData(4, 1)]
    public void NextGroup_FinalWithAtLeastKInAll_ReleasesTheRestWhateverItsSize(int held, int released)
    {
        Assert.Equal(held, NoteReleasePolicy.NextGroup(Ids(held), released, threshold: 5, final: true).Count);
    }

    [Theory]
    [InlineData(4, 0)]
    [InlineData(1, 0)]
    [InlineData(0, 7)]
    public void NextGroup_FinalWithFewerThanKInAllOrNothingHeld_ReleasesNothing(int held, int released)
    {
        Assert.Empty(NoteReleasePolicy.NextGroup(Ids(held), released, threshold: 5, final: true));
    }

    [Fact]
    public void NextGroup_ManyDraws_ComeInVaryingOrderNotTheHeldOrder()
    {
        var held = Ids(6);
        var orders = Enumerable.Range(0, 40)
            .Select(_ => string.Join(",", NoteReleasePolicy.NextGroup(held, 0, 3, final: false)))
            .ToHashSet(StringComparer.Ordinal);

        // Six notes have 720 orders; forty draws all giving the same one has odds of 720^-39.
        Assert.True(orders.Count > 1);
    }

    [Fact]
    public void FinalReleaseAt_IsTheCloseThenTheLongestDelayThenTheSettleTime()
    {
        var session = SpeakUpCloseJobTests.Session("s-1", new DateTimeOffset(2025, 3, 11, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal(session.ClosesAt.AddMinutes(50), NoteReleasePolicy.FinalReleaseAt(session, Options));
        Assert.Equal(session.ClosesAt.AddMinutes(30) + NoteReleasePolicy.LateNoteWatch, NoteReleasePolicy.WatchUntil(session, Options));
    }

    [Fact]
    public void WatchUntil_SettleLongerThanTheLateWatch_IsTheFinalRelease()
    {
        var session = SpeakUpCloseJobTests.Session("s-1", new DateTimeOffset(2025, 3, 11, 9, 0, 0, TimeSpan.Zero));
        var options = new SpeakUpOptions { MaxDelay = TimeSpan.FromMinutes(30), ReleaseSettle = TimeSpan.FromDays(2) };

        Assert.Equal(NoteReleasePolicy.FinalReleaseAt(session, options), NoteReleasePolicy.WatchUntil(session, options));
    }

    private static List<string> Ids(int count) => [.. Enumerable.Range(0, count).Select(i => $"n-{i:D3}")];
}
