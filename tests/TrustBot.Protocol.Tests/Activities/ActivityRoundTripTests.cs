using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrustBot.Protocol.Activities;

namespace TrustBot.Protocol.Tests.Activities;

public sealed class ActivityRoundTripTests
{
    private static readonly string[] TimestampMembers = ["timestamp", "localTimestamp"];

    public static TheoryData<string> Files() => [.. GoldenActivities.All];

    [Fact]
    public void GoldenFolder_EveryFile_IsListed()
    {
        var onDisk = Directory.GetFiles(GoldenActivities.Folder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(GoldenActivities.All.Order(StringComparer.Ordinal), onDisk);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Deserialize_GoldenActivity_ReadsCommonFields(string file)
    {
        var activity = GoldenActivities.Load(file);

        Assert.False(string.IsNullOrEmpty(activity.Type));
        Assert.Equal("msteams", activity.ChannelId);
        Assert.Equal("https://smba.trafficmanager.net/amer/", activity.ServiceUrl);
        Assert.Equal("3c8e5f1a-2b7d-4e9c-8a6f-1d0b2e4c6a8f", activity.TenantId);
        Assert.Equal("28:8c3f1b52-6a1d-4e0f-9a7b-3c2d1e0f9a8b", activity.Recipient?.Id);
        Assert.NotNull(activity.Timestamp);
        Assert.Equal(TimeSpan.Zero, activity.Timestamp.Value.Offset);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void SerializeAfterDeserialize_GoldenActivity_KeepsEveryMember(string file)
    {
        var json = GoldenActivities.Read(file);
        var original = NormalizeTimestamps(JsonNode.Parse(json)!.AsObject());

        var activity = JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.Activity);
        var written = NormalizeTimestamps(JsonNode.Parse(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity))!.AsObject());

        Assert.True(JsonNode.DeepEquals(original, written), GoldenActivities.FirstDifference(original, written));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void SerializeAfterDeserialize_GoldenActivity_KeepsTimestampInstantAndOffset(string file)
    {
        var original = JsonNode.Parse(GoldenActivities.Read(file))!.AsObject();

        var written = JsonNode.Parse(JsonSerializer.Serialize(GoldenActivities.Load(file), ProtocolJsonContext.Default.Activity))!.AsObject();

        foreach (var name in TimestampMembers.Where(original.ContainsKey))
        {
            var expected = DateTimeOffset.Parse((string)original[name]!, CultureInfo.InvariantCulture);
            var actual = DateTimeOffset.Parse((string)written[name]!, CultureInfo.InvariantCulture);
            Assert.Equal(expected.UtcDateTime, actual.UtcDateTime);
            Assert.Equal(expected.Offset, actual.Offset);
        }
    }

    [Fact]
    public void Serialize_UtcTimestamp_WritesOffsetFormNotZ()
    {
        // Pins the one known textual change of a round trip (see NormalizeTimestamps): a typed DateTimeOffset is
        // written as "+00:00" with trailing zero digits dropped. Same instant, so Bot Framework readers accept it.
        var activity = GoldenActivities.Load(GoldenActivities.CardSubmit);

        var written = JsonNode.Parse(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity))!;

        Assert.Equal("2026-11-24T15:22:40.778899+00:00", (string?)written["timestamp"]);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void SerializeAfterDeserialize_Twice_IsStable(string file)
    {
        var once = JsonSerializer.Serialize(GoldenActivities.Load(file), ProtocolJsonContext.Default.Activity);
        var twice = JsonSerializer.Serialize(
            JsonSerializer.Deserialize(once, ProtocolJsonContext.Default.Activity),
            ProtocolJsonContext.Default.Activity);

        Assert.Equal(once, twice);
    }

    /// <summary>
    /// Rewrites the typed timestamp members to one canonical text. They are modelled as DateTimeOffset, which keeps
    /// the instant and offset but not the spelling ("Z" vs "+00:00", trailing zeros); every other member must
    /// survive unchanged, which is what proves the extension data works.
    /// </summary>
    private static JsonObject NormalizeTimestamps(JsonObject activity)
    {
        foreach (var name in TimestampMembers.Where(activity.ContainsKey))
        {
            var value = DateTimeOffset.Parse((string)activity[name]!, CultureInfo.InvariantCulture);
            activity[name] = value.ToString("O", CultureInfo.InvariantCulture);
        }

        return activity;
    }
}
