using System.Text.Json;
using TrustBot.Protocol.Activities;
using TrustBot.Protocol.Connector;

namespace TrustBot.Protocol.Tests.Connector;

public sealed class ConnectorJsonContextTests
{
    [Fact]
    public void Serialize_Activity_WritesCamelCaseWithoutNulls()
    {
        using var value = JsonDocument.Parse("""{"a":1}""");
        var activity = new Activity { Type = "message", Text = "x", ReplyToId = null, Value = value.RootElement };

        var json = JsonSerializer.Serialize(activity, ConnectorJsonContext.Default.Activity);

        Assert.Equal("""{"type":"message","text":"x","value":{"a":1}}""", json);
    }

    [Fact]
    public void Deserialize_PagedMembersResult_IsCaseInsensitive()
    {
        var parsed = JsonSerializer.Deserialize(
            """{"ContinuationToken":"t","MEMBERS":[{"Id":"29:x","AadObjectId":"o"}]}""", ConnectorJsonContext.Default.PagedMembersResult);

        Assert.Equal("t", parsed?.ContinuationToken);
        var member = Assert.Single(parsed!.Members);
        Assert.Equal("29:x", member.Id);
        Assert.Equal("o", member.AadObjectId);
    }

    [Fact]
    public void Serialize_ConversationParameters_KeepsFalseIsGroupAndOmitsNulls()
    {
        var json = JsonSerializer.Serialize(new ConversationParameters { TenantId = "t" }, ConnectorJsonContext.Default.ConversationParameters);

        Assert.Equal("""{"isGroup":false,"tenantId":"t"}""", json);
    }

    [Fact]
    public void Deserialize_ConversationResourceResponse_ReadsAllFields()
    {
        var parsed = JsonSerializer.Deserialize(
            """{"id":"19:c;messageid=5","activityId":"5","serviceUrl":"https://smba.trafficmanager.net/amer/"}""",
            ConnectorJsonContext.Default.ConversationResourceResponse);

        Assert.Equal("19:c;messageid=5", parsed?.Id);
        Assert.Equal("5", parsed?.ActivityId);
        Assert.Equal("https://smba.trafficmanager.net/amer/", parsed?.ServiceUrl);
    }
}
