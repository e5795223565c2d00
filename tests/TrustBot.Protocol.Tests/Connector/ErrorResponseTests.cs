using System.Text;
using TrustBot.Protocol.Connector;

namespace TrustBot.Protocol.Tests.Connector;

public sealed class ErrorResponseTests
{
    private static ErrorResponse? Parse(string json) => ErrorResponse.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Parse_SwaggerShape_ReadsCodeAndMessage()
    {
        var error = Parse("""{"error":{"code":"BotNotInConversationRoster","message":"The bot is not part of the conversation roster.","innerHttpError":{"statusCode":403}}}""")?.Error;

        Assert.Equal("BotNotInConversationRoster", error?.Code);
        Assert.Equal("The bot is not part of the conversation roster.", error?.Message);
        Assert.Equal(403, error?.InnerHttpError?.GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public void Parse_TeamsWrappedJsonMessage_PrefersSubCode()
    {
        var error = Parse("""{"errorCode":209,"message":"{ \"subCode\": \"MessageWritesBlocked\", \"details\": \"blocked\" }"}""")?.Error;

        Assert.Equal("MessageWritesBlocked", error?.Code);
        Assert.Contains("details", error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NumericErrorCodeWithPlainMessage_ReturnsNumberAsText()
    {
        var error = Parse("""{"errorCode":209,"message":"Conversation blocked"}""")?.Error;

        Assert.Equal("209", error?.Code);
        Assert.Equal("Conversation blocked", error?.Message);
    }

    [Fact]
    public void Parse_WrappedMessageThatIsNotJson_KeepsOuterCode()
    {
        var error = Parse("""{"error":{"code":"BadArgument","message":"{ not json"}}""")?.Error;

        Assert.Equal("BadArgument", error?.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("[1,2]")]
    [InlineData("{}")]
    [InlineData("""{"error":"text"}""")]
    public void Parse_UnusableBody_ReturnsNull(string body)
    {
        Assert.Null(Parse(body));
    }
}
