using TrustBot.Core.Nudges;

namespace TrustBot.Core.Tests.Nudges;

public sealed class NudgePayloadTests
{
    [Fact]
    public void Parse_RemindPayload_RoundTrips()
    {
        var payload = NudgePayload.Parse(NudgePayload.Remind("ng-42").ToJson());

        Assert.True(payload.IsReminder);
        Assert.Equal("ng-42", payload.NudgeId);
    }

    [Fact]
    public void ToJson_Weekly_IsMinimal()
    {
        Assert.Equal("{\"reason\":\"weekly\"}", NudgePayload.Weekly.ToJson());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"reason\":\"remind\"}")]
    public void Parse_UnusablePayload_IsNotAReminder(string? json)
    {
        Assert.False(NudgePayload.Parse(json).IsReminder);
    }
}
