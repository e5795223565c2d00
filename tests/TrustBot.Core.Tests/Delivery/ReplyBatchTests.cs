using System.Text.Json.Nodes;
using TrustBot.Core.Delivery;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Tests.Delivery;

public sealed class ReplyBatchTests
{
    private static readonly ConversationAddress Address = new(TestIds.TenantId, TestIds.ServiceUrl, TestIds.ChosenChannelId + ";messageid=1", TestIds.BotId);

    [Fact]
    public void ToJsonThenParse_KeepsTheAddressThePredecessorAndTheRepliesInOrder()
    {
        var card = new JsonObject { ["type"] = "AdaptiveCard", ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = "Hello" }) };
        var batch = new ReplyBatch(Address, "reply:t:k:abc", [ReplyMessage.OfText("first"), ReplyMessage.OfCard(card, "second"), ReplyMessage.OfText("third")]);

        var read = ReplyBatch.Parse(batch.ToJson());

        Assert.NotNull(read);
        Assert.Equal(Address, read.Address);
        Assert.Equal("reply:t:k:abc", read.After);
        Assert.Equal(["first", null, "third"], read.Replies.Select(r => r.Text));
        Assert.Equal("second", read.Replies[1].Summary);
        Assert.Equal(card.ToJsonString(), read.Replies[1].Card!.ToJsonString());
    }

    [Fact]
    public void ToJson_WithoutBotOrPredecessor_ReadsBackAsNull()
    {
        var read = ReplyBatch.Parse(new ReplyBatch(Address with { BotId = null }, null, [ReplyMessage.OfText("hi")]).ToJson());

        Assert.NotNull(read);
        Assert.Null(read.After);
        Assert.Null(read.Address.BotId);
    }

    [Fact]
    public void ToJson_IsAscii_SoItsLengthIsWhatTheQueueStores()
    {
        var json = new ReplyBatch(Address, null, [ReplyMessage.OfText("Grüße, 你好 <b>&</b> 🎉")]).ToJson();

        Assert.All(json, c => Assert.True(c < 128, $"'{c}' is not ASCII"));
        Assert.Equal("Grüße, 你好 <b>&</b> 🎉", ReplyBatch.Parse(json)!.Replies[0].Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"serviceUrl\":\"https://x/\",\"conversationId\":\"c\",\"replies\":[]}")]
    [InlineData("{\"tenantId\":\"t\",\"serviceUrl\":\"https://x/\",\"conversationId\":\"c\"}")]
    [InlineData("{\"tenantId\":\"t\",\"serviceUrl\":\"https://x/\",\"conversationId\":\"c\",\"replies\":[{\"neither\":1}]}")]
    public void Parse_SomethingElse_IsNull(string json)
    {
        Assert.Null(ReplyBatch.Parse(json));
    }

    [Fact]
    public void Chunk_RepliesThatFitTogether_StayInOneSend()
    {
        var replies = Enumerable.Range(0, 5).Select(i => ReplyMessage.OfText("reply " + i)).ToList();

        var chunk = Assert.Single(ReplyBatch.Chunk(replies));

        Assert.Equal(replies, chunk);
    }

    [Fact]
    public void Chunk_TooMuchForOneSend_SplitsInOrderAndEverySendFits()
    {
        var replies = Enumerable.Range(0, 5).Select(i => ReplyMessage.OfText(i + new string('x', 12_000))).ToList();

        var chunks = ReplyBatch.Chunk(replies);

        Assert.Equal(3, chunks.Count);
        Assert.Equal(replies, chunks.SelectMany(c => c));
        Assert.All(chunks, c => Assert.True(new ReplyBatch(Address, "reply:t:k:0123456789abcdef0123456789abcdef", c).ToJson().Length <= ReplyBatch.MaxPayloadChars + 1024));
    }

    [Fact]
    public void Chunk_OneReplyLargerThanASend_IsNeverCut()
    {
        var large = ReplyMessage.OfText(new string('y', ReplyBatch.MaxPayloadChars + 10));

        var chunks = ReplyBatch.Chunk([ReplyMessage.OfText("before"), large, ReplyMessage.OfText("after")]);

        Assert.Equal(3, chunks.Count);
        Assert.Same(large, Assert.Single(chunks[1]));
    }
}
