using System.Globalization;
using System.Text.Json;
using TrustBot.Protocol.Activities;
using static TrustBot.Protocol.Activities.ActivityLimits;

namespace TrustBot.Protocol.Tests.Activities;

/// <summary>The count bounds (entities, members) and the <c>value</c> payload bounds of <see cref="ActivityLimits"/>.</summary>
public sealed class ActivityValidatorValueTests
{
    [Theory]
    [InlineData("entities", MaxEntities)]
    [InlineData("membersAdded", MaxMembers)]
    [InlineData("membersRemoved", MaxMembers)]
    public void ArrayAtItsLimitPasses_OneMoreFailsNamingTheField(string field, int limit)
    {
        Assert.Null(ActivityValidator.Validate(WithItems(field, limit)));

        var violation = ActivityValidator.Validate(WithItems(field, limit + 1));

        Assert.Equal($"{field} has more than {limit} items.", violation?.Message);
    }

    [Fact]
    public void ValueAtItsDepthPasses_OneDeeperFails()
    {
        Assert.Null(Validate(Nested(MaxValueDepth)));

        Assert.Equal($"value nests deeper than {MaxValueDepth} levels.", Validate(Nested(MaxValueDepth + 1))?.Message);
    }

    [Fact]
    public void ValueAtItsSizePasses_OneMoreValueFails()
    {
        // The array itself is one value, so N - 1 items make N values.
        Assert.Null(Validate(Numbers(MaxValueNodes - 1)));

        Assert.Equal($"value has more than {MaxValueNodes} values.", Validate(Numbers(MaxValueNodes))?.Message);
    }

    [Fact]
    public void ValueStringAtItsLimitPasses_OneLongerFails()
    {
        Assert.Null(Validate(Note(MaxValueStringLength)));

        var violation = Validate(Note(MaxValueStringLength + 1));

        Assert.Equal($"value has a string longer than {MaxValueStringLength} characters.", violation?.Message);
    }

    [Fact]
    public void ValuePropertyNameAtItsLimitPasses_OneLongerFails()
    {
        Assert.Null(Validate($$"""{"{{new string('a', MaxValuePropertyNameLength)}}":1}"""));

        Assert.Equal("value", Validate($$"""{"{{new string('a', MaxValuePropertyNameLength + 1)}}":1}""")?.Field);
    }

    [Theory]
    [InlineData("""{"note":"a\ud800b"}""")]
    [InlineData("""{"a\udc00":1}""")]
    public void ValueWithAnUnpairedSurrogate_Fails(string json) => Assert.Equal("value", Validate(json)?.Field);

    [Theory]
    [InlineData("\"x\"")]
    [InlineData("[1,2,3]")]
    [InlineData("42")]
    [InlineData("null")]
    public void ValueOfAnyJsonShape_Passes(string json) => Assert.Null(Validate(json));

    private static ActivityViolation? Validate(string valueJson)
    {
        var activity = ValidatorActivities.Full();
        activity.Value = JsonDocument.Parse(valueJson, new JsonDocumentOptions { MaxDepth = 256 }).RootElement;
        return ActivityValidator.Validate(activity);
    }

    private static string Nested(int depth)
    {
        var json = "{\"verb\":\"checkin.vote\"}";
        for (var d = 1; d < depth; d++)
        {
            json = "{\"n\":" + json + "}";
        }

        return json;
    }

    private static string Numbers(int count) => "[" + string.Join(",", Enumerable.Range(0, count).Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]";

    private static string Note(int length) => "{\"action\":{\"data\":{\"note\":\"" + new string('é', length) + "\"}}}";

    private static Activity WithItems(string field, int count)
    {
        var activity = ValidatorActivities.Full();
        switch (field)
        {
            case "entities":
                activity.Entities = [.. Enumerable.Range(0, count).Select(_ => new Entity { Type = Entity.ClientInfoType })];
                break;
            case "membersAdded":
                activity.MembersAdded = [.. Enumerable.Range(0, count).Select(_ => new ChannelAccount { Id = "29:1m" })];
                break;
            default:
                activity.MembersRemoved = [.. Enumerable.Range(0, count).Select(_ => new ChannelAccount { Id = "29:1m" })];
                break;
        }

        return activity;
    }
}
