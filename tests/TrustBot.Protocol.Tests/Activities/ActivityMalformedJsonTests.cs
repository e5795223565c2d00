using System.Text.Json;
using TrustBot.Protocol.Activities;

namespace TrustBot.Protocol.Tests.Activities;

public sealed class ActivityMalformedJsonTests
{
    [Theory]
    [InlineData("""{"type":"message","text":"help" """)]
    [InlineData("""{"type":"message",}""")]
    [InlineData("""{"type":'message'}""")]
    [InlineData("""{"type":"message"} trailing""")]
    [InlineData("""{"type":"message" "text":"help"}""")]
    [InlineData("")]
    [InlineData("[1,2,3]")]
    public void Deserialize_MalformedJson_ThrowsJsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.Activity));
    }

    [Theory]
    [InlineData("""{"type":5}""")]
    [InlineData("""{"type":"message","timestamp":42}""")]
    [InlineData("""{"type":"message","timestamp":"yesterday"}""")]
    [InlineData("""{"type":"message","conversation":"19:abc@thread.v2"}""")]
    [InlineData("""{"type":"message","conversation":{"isGroup":"yes"}}""")]
    [InlineData("""{"type":"conversationUpdate","membersAdded":{"id":"28:x"}}""")]
    [InlineData("""{"type":"message","entities":[{"type":"mention","mentioned":"28:x"}]}""")]
    [InlineData("""{"type":"message","channelData":{"tenant":["3c8e5f1a-2b7d-4e9c-8a6f-1d0b2e4c6a8f"]}}""")]
    [InlineData("""{"type":"message","attachments":"none"}""")]
    public void Deserialize_WrongTypedField_ThrowsJsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.Activity));
    }

    [Fact]
    public void Deserialize_NestingBeyondMaxDepth_ThrowsJsonException()
    {
        var json = """{"type":"message","value":""" + new string('[', 80) + new string(']', 80) + "}";

        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.Activity));
    }

    [Fact]
    public void Deserialize_JsonNull_ReturnsNull()
    {
        Assert.Null(JsonSerializer.Deserialize("null", ProtocolJsonContext.Default.Activity));
    }
}
