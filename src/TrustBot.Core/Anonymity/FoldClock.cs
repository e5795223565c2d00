namespace TrustBot.Core.Anonymity;

/// <summary>Fold times: every multiple of the fold interval since the Unix epoch, the same on every instance.</summary>
public static class FoldClock
{
    /// <summary>The first fold time strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextFold(DateTimeOffset now, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        var ticks = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var next = (ticks / interval.Ticks + 1) * interval.Ticks;
        return DateTimeOffset.UnixEpoch.AddTicks(next);
    }

    /// <summary>When a ballot cast at <paramref name="now"/> may first be folded: the next fold time, or the close if sooner.</summary>
    public static DateTimeOffset FoldableAt(DateTimeOffset now, TimeSpan interval, DateTimeOffset closesAt)
    {
        var next = NextFold(now, interval);
        return closesAt < next ? closesAt : next;
    }
}
