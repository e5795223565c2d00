using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Questions;

namespace TrustBot.Core.Digests;

/// <summary>
/// The perception gap's rule: a prediction counts only when it was made before any result of the check-in it is
/// compared with was published. A check-in publishes results once its tally reaches its threshold k (the gate
/// <see cref="CheckInScoring.Results"/> that every card passes through) or once it closes. A prediction made at an
/// instant is compared with the check-in whose closing time is the first after it (see
/// <see cref="DigestBuilder.PredictsFor"/>).
/// </summary>
public static class PredictionRule
{
    /// <summary>
    /// Whether <paramref name="checkIn"/> could have published anything by <paramref name="at"/>: it had opened and its
    /// time was not up. Past its closing time a prediction is compared with the next check-in, which has not opened.
    /// </summary>
    public static bool MayHaveShownResults(CheckIn checkIn, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        return checkIn.OpensAt <= at && at < checkIn.ClosesAt;
    }

    /// <summary>
    /// Where a prediction made at <paramref name="madeAt"/> stands against <paramref name="newest"/>, the team's newest
    /// posted check-in, given that check-in's last published <paramref name="tally"/>.
    /// </summary>
    public static PredictionStanding Standing(CheckIn newest, Tally tally, StatementCatalog catalog, DateTimeOffset madeAt)
    {
        ArgumentNullException.ThrowIfNull(newest);
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(catalog);
        if (!MayHaveShownResults(newest, madeAt))
        {
            return PredictionStanding.BeforeResults;
        }

        // Closed before its time: its card already shows the final state, so a guess now is about a known outcome.
        if (newest.Status == CheckInStatus.Closed)
        {
            return PredictionStanding.AfterClose;
        }

        return CheckInScoring.Results(tally, catalog.Resolve(newest.StatementIds), newest.Threshold) is null
            ? PredictionStanding.BeforeResults
            : PredictionStanding.AfterResults;
    }

    /// <summary>
    /// Whether <paramref name="prediction"/> may be compared with the results of <paramref name="reported"/>. A row
    /// stored before the standing was recorded has none: it counts only when made before that check-in opened, the one
    /// case in which it provably came before any result.
    /// </summary>
    public static bool Counts(Prediction prediction, CheckIn reported)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(reported);
        return prediction.MadeBeforeResults ?? prediction.MadeAt < reported.OpensAt;
    }
}
