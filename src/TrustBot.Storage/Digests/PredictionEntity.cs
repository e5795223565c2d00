using System.Globalization;
using Azure;
using Azure.Data.Tables;
using TrustBot.Core.Digests;
using TrustBot.Storage.Anonymity;

namespace TrustBot.Storage.Digests;

/// <summary>
/// One prediction. PartitionKey = tenant | team; RowKey = leader | inverted ticks of when it was made, so a leader's
/// predictions sort newest first and one range query lists a window newest first.
/// </summary>
internal sealed class PredictionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string TenantId { get; set; } = "";
    public string TeamKey { get; set; } = "";
    public string LeaderUserId { get; set; } = "";
    public int Value { get; set; }
    public DateTimeOffset MadeAt { get; set; }

    /// <summary>
    /// Whether no result of the check-in it is compared with had been published when it was saved. Rows written before
    /// this column existed read as null, which <see cref="PredictionRule.Counts"/> treats conservatively.
    /// </summary>
    public bool? MadeBeforeResults { get; set; }

    public static string Partition(string tenantId, string teamKey) => CompositeKey.Join(tenantId, teamKey);

    /// <summary>The row key of <paramref name="leaderUserId"/>'s prediction at <paramref name="at"/>; later instants sort first.</summary>
    public static string Row(string leaderUserId, DateTimeOffset at) =>
        CompositeKey.Part(leaderUserId) + CompositeKey.Separator
        + (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    public static PredictionEntity From(
        string tenantId, string teamKey, string leaderUserId, int value, DateTimeOffset madeAt, bool madeBeforeResults) => new()
    {
        PartitionKey = Partition(tenantId, teamKey),
        RowKey = Row(leaderUserId, madeAt),
        TenantId = tenantId,
        TeamKey = teamKey,
        LeaderUserId = leaderUserId,
        Value = value,
        MadeAt = madeAt.ToUniversalTime(),
        MadeBeforeResults = madeBeforeResults,
    };

    public Prediction ToPrediction() => new(TenantId, TeamKey, LeaderUserId, Value, MadeAt, MadeBeforeResults);
}
