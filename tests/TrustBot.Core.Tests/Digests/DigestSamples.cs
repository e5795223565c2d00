using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Core.SpeakUp;

namespace TrustBot.Core.Tests.Digests;

/// <summary>Check-ins, tallies, teams and leaders for the digest and reminder tests.</summary>
internal static class DigestSamples
{
    public const string LeaderUserId = "29:1Lx8Qm2Vn4Bp6Rt0Yw3Ez5Ui7Oa9Sd";
    public const string OtherUserId = "29:1Gh5Jk7Lz9Xc2Vb4Nm6Qw8Er0Ty3Ui";

    /// <summary>Tuesday 10:00 UTC, a week after the previous check-in below.</summary>
    public static readonly DateTimeOffset LatestOpensAt = new(2026, 11, 17, 10, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly DateTimeOffset PreviousOpensAt = LatestOpensAt.AddDays(-7);

    public static CheckIn CheckIn(string id, DateTimeOffset opensAt, int threshold = 5, params string[] statementIds) => new()
    {
        TenantId = TestIds.TenantId,
        CheckInId = id,
        InstallationKey = TestIds.TeamId,
        ConversationId = TestIds.ChosenChannelId,
        ServiceUrl = TestIds.ServiceUrl,
        ActivityId = "1:act-" + id,
        StatementIds = statementIds.Length == 0 ? ["ps-tough-issues", "trust-care"] : statementIds,
        Threshold = threshold,
        OpensAt = opensAt,
        ClosesAt = opensAt.AddDays(3),
        Status = CheckInStatus.Closed,
    };

    /// <summary>A tally where every statement named got exactly these seven counts; replies is the largest sum.</summary>
    public static Tally Tally(params (string StatementId, int[] Counts)[] statements) =>
        new(statements.Max(s => s.Counts.Sum()), statements.ToDictionary(s => s.StatementId, s => s.Counts));

    public static Installation Team(string? teamName = "Platform Team") =>
        TestTeams.InstalledAt(PreviousOpensAt.AddDays(-30)) with { TeamName = teamName };

    public static Leader Leader(string userId = LeaderUserId, bool unreachable = false, string? chat = "a:1leaderchat") => new()
    {
        TenantId = TestIds.TenantId,
        TeamKey = TestIds.TeamId,
        UserId = userId,
        ServiceUrl = TestIds.ServiceUrl,
        BotId = TestIds.BotId,
        ChatConversationId = chat,
        Unreachable = unreachable,
        AddedAt = PreviousOpensAt.AddDays(-30),
    };

    public static SpeakUpSession Session(string id, DateTimeOffset closedAt, int threshold = 5) => new()
    {
        TenantId = TestIds.TenantId,
        SessionId = id,
        InstallationKey = TestIds.TeamId,
        PromptId = "voice-unsaid",
        ConversationId = TestIds.ChosenChannelId,
        ServiceUrl = TestIds.ServiceUrl,
        Threshold = threshold,
        OpensAt = closedAt.AddDays(-3),
        ClosesAt = closedAt,
        IsClosed = true,
        ClosedAt = closedAt,
    };

    /// <summary>Every number in the card's JSON, except the card version and the team key and instant in action data (ids, not results).</summary>
    public static IReadOnlyList<string> Numbers(JsonObject card)
    {
        var copy = card.DeepClone().AsObject();
        copy.Remove("version");
        foreach (var node in Cards.CardInspection.Elements(copy, "Action.Execute").Concat(Cards.CardInspection.Elements(copy, "Action.Submit")))
        {
            (node["data"] as JsonObject)?.Remove(Core.Digests.DigestVerbs.AsOf);
            (node["data"] as JsonObject)?.Remove(Core.Digests.DigestVerbs.TeamKey);
        }

        return [.. Regex.Matches(copy.ToJsonString(Readable), @"\d+").Select(m => m.Value)];
    }

    public static async IAsyncEnumerable<T> Async<T>(IEnumerable<T> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return item;
        }
    }
}
