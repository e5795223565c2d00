using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using TrustBot.Protocol.Activities;
using TrustBot.Protocol.Connector;
using TrustBot.Testing.Connector;

namespace TrustBot.Protocol.Tests.Connector;

public sealed class ConnectorClientTests
{
    private const string ChannelThreadId = "19:abc@thread.tacv2;messageid=1";
    private const string EscapedChannelThreadId = "19%3Aabc%40thread.tacv2%3Bmessageid%3D1";

    private static Activity Message(string text = "hello") => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        TextFormat = "markdown",
        Attachments = [new Attachment { ContentType = "application/vnd.microsoft.card.adaptive", Content = JsonNode.Parse("""{"type":"AdaptiveCard","version":"1.5"}""") }],
    };

    [Fact]
    public async Task SendToConversationAsync_ThreadId_PostsEscapedUrlWithHeadersAndBody()
    {
        await using var harness = await ConnectorHarness.StartAsync();

        var result = await harness.Client.SendToConversationAsync(harness.ServiceUrl, ConnectorHarness.TenantId, ChannelThreadId, Message());

        Assert.Equal(ConnectorOutcome.Delivered, result.Outcome);
        Assert.Equal(201, result.StatusCode);
        Assert.False(string.IsNullOrEmpty(result.Value?.Id));
        var request = Assert.Single(harness.Stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/v3/conversations/{EscapedChannelThreadId}/activities", request.RawTarget);
        Assert.Equal(ChannelThreadId, request.ConversationId);
        Assert.Equal(StubOperation.SendToConversation, request.Operation);
        Assert.Equal("Bearer token-1", request.Authorization);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal("message", (string?)request.Body?["type"]);
        Assert.Equal("hello", (string?)request.Body?["text"]);
        Assert.Equal("markdown", (string?)request.Body?["textFormat"]);
        Assert.Equal("1.5", (string?)request.Body?["attachments"]?[0]?["content"]?["version"]);
        Assert.False(request.Body!.AsObject().ContainsKey("id"), "nulls must not be written");
        Assert.False(request.Body!.AsObject().ContainsKey("replyToId"));
    }

    [Fact]
    public async Task SendToConversationAsync_ServiceUrlWithPathAndSlash_AppendsV3OnceWithoutDoubleSlash()
    {
        await using var harness = await ConnectorHarness.StartAsync();

        var result = await harness.Client.SendToConversationAsync(harness.ServiceUrl + "amer/tenant-1/", ConnectorHarness.TenantId, "a:1", Message());

        Assert.True(result.IsDelivered);
        Assert.Equal("/amer/tenant-1/v3/conversations/a%3A1/activities", Assert.Single(harness.Stub.Requests).RawTarget);
    }

    [Fact]
    public async Task ReplyToActivityAsync_ActivityId_PostsToActivityUrlAndSetsReplyToId()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        var activity = Message();

        var result = await harness.Client.ReplyToActivityAsync(harness.ServiceUrl, ConnectorHarness.TenantId, ChannelThreadId, "f:1;x", activity);

        Assert.True(result.IsDelivered);
        var request = Assert.Single(harness.Stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/v3/conversations/{EscapedChannelThreadId}/activities/f%3A1%3Bx", request.RawTarget);
        Assert.Equal(StubOperation.ReplyToActivity, request.Operation);
        Assert.Equal("f:1;x", (string?)request.Body?["replyToId"]);
        Assert.Equal("hello", (string?)request.Body?["text"]);
        Assert.Null(activity.ReplyToId);
    }

    [Fact]
    public async Task UpdateActivityAsync_ActivityId_PutsReplacementAndReturnsId()
    {
        await using var harness = await ConnectorHarness.StartAsync();

        var result = await harness.Client.UpdateActivityAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:conv", "1776390257332", Message("voted"));

        Assert.Equal(ConnectorOutcome.Delivered, result.Outcome);
        Assert.Equal("1776390257332", result.Value?.Id);
        var request = Assert.Single(harness.Stub.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal("/v3/conversations/a%3Aconv/activities/1776390257332", request.RawTarget);
        Assert.Equal("voted", (string?)request.Body?["text"]);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
    }

    [Fact]
    public async Task DeleteActivityAsync_ActivityId_SendsDeleteWithoutBody()
    {
        await using var harness = await ConnectorHarness.StartAsync();

        var result = await harness.Client.DeleteActivityAsync(harness.ServiceUrl, ConnectorHarness.TenantId, ChannelThreadId, "1776390257332");

        Assert.Equal(new ConnectorResponse(ConnectorOutcome.Delivered, 200, null), result);
        var request = Assert.Single(harness.Stub.Requests);
        Assert.Equal("DELETE", request.Method);
        Assert.Equal($"/v3/conversations/{EscapedChannelThreadId}/activities/1776390257332", request.RawTarget);
        Assert.Equal(string.Empty, request.BodyText);
        Assert.Equal("Bearer token-1", request.Authorization);
    }

    [Fact]
    public async Task CreatePersonalConversationAsync_User_PostsSection42BodyAndIsIdempotent()
    {
        await using var harness = await ConnectorHarness.StartAsync();

        var first = await harness.Client.CreatePersonalConversationAsync(harness.ServiceUrl, "tenant-1", ConnectorHarness.AppId, "29:user-1");
        var second = await harness.Client.CreatePersonalConversationAsync(harness.ServiceUrl, "tenant-1", "28:" + ConnectorHarness.AppId, "29:user-1");

        Assert.Equal(ConnectorOutcome.Delivered, first.Outcome);
        Assert.StartsWith("a:", first.Value?.Id, StringComparison.Ordinal);
        Assert.Equal(first.Value?.Id, second.Value?.Id);
        var request = harness.Stub.Requests[0];
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/conversations", request.RawTarget);
        var expected = JsonNode.Parse($$"""
            {
              "isGroup": false,
              "bot": { "id": "28:{{ConnectorHarness.AppId}}" },
              "members": [ { "id": "29:user-1" } ],
              "tenantId": "tenant-1",
              "channelData": { "tenant": { "id": "tenant-1" } }
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, request.Body), request.BodyText);
        Assert.True(JsonNode.DeepEquals(request.Body, harness.Stub.Requests[1].Body));
    }

    [Fact]
    public async Task CreateConversationAsync_ChannelThread_ReturnsThreadIdAndActivityId()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        var parameters = new ConversationParameters
        {
            IsGroup = true,
            TenantId = "tenant-1",
            Activity = Message("thread root"),
            ChannelData = new TeamsChannelData { Channel = new ChannelInfo { Id = "19:chan@thread.tacv2" } },
        };

        var result = await harness.Client.CreateConversationAsync(harness.ServiceUrl, parameters);

        Assert.Equal(ConnectorOutcome.Delivered, result.Outcome);
        Assert.Equal($"19:chan@thread.tacv2;messageid={result.Value?.ActivityId}", result.Value?.Id);
        var body = Assert.Single(harness.Stub.Requests).Body!;
        Assert.True((bool?)body["isGroup"]);
        Assert.Equal("thread root", (string?)body["activity"]?["text"]);
        Assert.Equal("19:chan@thread.tacv2", (string?)body["channelData"]?["channel"]?["id"]);
        Assert.False(body.AsObject().ContainsKey("members"));
    }

    [Fact]
    public async Task GetPagedMembersAsync_PagedRoster_FollowsContinuationTokens()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Stub.SetRoster(Enumerable.Range(1, 5).Select(i => StubConnector.Member($"29:u{i}", $"User {i}", $"oid-{i}")));

        var members = new List<ChannelAccount>();
        string? token = null;
        do
        {
            var page = await harness.Client.GetPagedMembersAsync(harness.ServiceUrl, ConnectorHarness.TenantId, ChannelThreadId, 2, token);
            Assert.Equal(ConnectorOutcome.Delivered, page.Outcome);
            members.AddRange(page.Value!.Members);
            token = page.Value.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(token));

        Assert.Equal(["29:u1", "29:u2", "29:u3", "29:u4", "29:u5"], members.Select(m => m.Id));
        Assert.Equal("oid-3", members[2].AadObjectId);
        var requests = harness.Stub.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Equal($"/v3/conversations/{EscapedChannelThreadId}/pagedmembers?pageSize=2", requests[0].RawTarget);
        Assert.Equal($"/v3/conversations/{EscapedChannelThreadId}/pagedmembers?pageSize=2&continuationToken=page-2", requests[1].RawTarget);
        Assert.All(requests, r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task GetPagedMembersAsync_TokenWithReservedCharacters_EscapesTokenAndOmitsPageSize()
    {
        await using var harness = await ConnectorHarness.StartAsync();

        await harness.Client.GetPagedMembersAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", null, "a+b/c=d&e");

        Assert.Equal("/v3/conversations/a%3A1/pagedmembers?continuationToken=a%2Bb%2Fc%3Dd%26e", Assert.Single(harness.Stub.Requests).RawTarget);
        Assert.Equal("a+b/c=d&e", harness.Stub.Requests[0].Query["continuationToken"]);
    }

    [Fact]
    public async Task GetPagedMembersAsync_MemberWithObjectId_CopiesItAndKeepsExtensionData()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Stub.SetRoster([new JsonObject { ["id"] = "29:u1", ["objectId"] = "oid-1", ["email"] = "u1@example.com", ["userRole"] = "user" }]);

        var result = await harness.Client.GetPagedMembersAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", null, null);

        var member = Assert.Single(result.Value!.Members);
        Assert.Equal("oid-1", member.AadObjectId);
        Assert.Equal("u1@example.com", member.ExtensionData!["email"].GetString());
        Assert.Equal("user", member.ExtensionData["userRole"].GetString());
        Assert.Null(result.Value.ContinuationToken);
    }

    [Fact]
    public async Task SendToConversationAsync_HostNotAllowed_FailsWithoutHttpCall()
    {
        await using var harness = await ConnectorHarness.StartAsync(allowLoopback: false);

        var loopback = await harness.Client.SendToConversationAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", Message());
        var foreign = await harness.Client.SendToConversationAsync("https://evil.example.com/", ConnectorHarness.TenantId, "a:1", Message());

        Assert.Equal(new ConnectorResponse<ResourceResponse>(ConnectorOutcome.Failed, null, null, ConnectorErrorCodes.ServiceUrlNotAllowed), loopback);
        Assert.Equal(ConnectorErrorCodes.ServiceUrlNotAllowed, foreign.ErrorCode);
        Assert.Empty(harness.Stub.Requests);
        Assert.Equal(0, harness.Tokens!.Calls);
    }

    [Fact]
    public async Task SendToConversationAsync_LocalMode_SendsNoAuthorizationHeader()
    {
        await using var harness = await ConnectorHarness.StartAsync(localMode: true, allowLoopback: false);

        var result = await harness.Client.SendToConversationAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", Message());

        Assert.True(result.IsDelivered);
        var request = Assert.Single(harness.Stub.Requests);
        Assert.Null(request.Authorization);
        Assert.IsType<AzureIdentityBotTokenProvider>(harness.GetRequiredService<IBotTokenProvider>());
    }

    [Theory]
    [InlineData(403, ConnectorOutcome.RecipientGone, "BotNotInConversationRoster")]
    [InlineData(404, ConnectorOutcome.RecipientGone, "ConversationNotFound")]
    [InlineData(413, ConnectorOutcome.Failed, "MessageSizeTooBig")]
    [InlineData(500, ConnectorOutcome.Failed, "ServiceError")]
    [InlineData(400, ConnectorOutcome.Failed, "BadSyntax")]
    public async Task SendToConversationAsync_FinalErrorStatus_MapsOutcomeWithoutRetrying(int status, ConnectorOutcome outcome, string code)
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Stub.RespondAlways(StubResponse.ForStatus(status));

        var result = await harness.Client.SendToConversationAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", Message());

        Assert.Equal(new ConnectorResponse<ResourceResponse>(outcome, status, null, code), result);
        Assert.Single(harness.Stub.Requests);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(202)]
    public async Task SendToConversationAsync_SuccessStatus_IsDelivered(int status)
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Stub.EnqueueResponse(new StubResponse(status) { Body = """{"id":"42"}""" });

        var result = await harness.Client.SendToConversationAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", Message());

        Assert.Equal(new ConnectorResponse<ResourceResponse>(ConnectorOutcome.Delivered, status, result.Value, null), result);
        Assert.Equal("42", result.Value?.Id);
    }

    [Fact]
    public async Task SendToConversationAsync_TeamsWrappedError_ReportsSubCode()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Stub.EnqueueResponse(new StubResponse(403)
        {
            Body = """{"errorCode":209,"message":"{\r\n  \"subCode\": \"MessageWritesBlocked\",\r\n  \"details\": \"Thread is blocked from message writes.\"\r\n}"}""",
        });

        var result = await harness.Client.SendToConversationAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", Message());

        Assert.Equal(ConnectorOutcome.RecipientGone, result.Outcome);
        Assert.Equal("MessageWritesBlocked", result.ErrorCode);
    }

    [Fact]
    public async Task SendToConversationAsync_UnparsableSuccessBody_Fails()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Stub.EnqueueResponse(new StubResponse(201) { Body = "<html>gateway</html>" });

        var result = await harness.Client.SendToConversationAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", Message());

        Assert.Equal(new ConnectorResponse<ResourceResponse>(ConnectorOutcome.Failed, 201, null, ConnectorErrorCodes.UnparsableResponse), result);
    }

    [Fact]
    public async Task SendToConversationAsync_EmptySuccessBody_IsDeliveredWithoutValue()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Stub.EnqueueResponse(new StubResponse(202));

        var result = await harness.Client.SendToConversationAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", Message());

        Assert.Equal(new ConnectorResponse<ResourceResponse>(ConnectorOutcome.Delivered, 202, null, null), result);
    }

    [Fact]
    public async Task SendToConversationAsync_MissingConversationId_FailsWithoutHttpCall()
    {
        await using var harness = await ConnectorHarness.StartAsync();

        var result = await harness.Client.SendToConversationAsync(harness.ServiceUrl, ConnectorHarness.TenantId, " ", Message());
        var update = await harness.Client.UpdateActivityAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", "", Message());

        Assert.Equal(ConnectorErrorCodes.InvalidArgument, result.ErrorCode);
        Assert.Equal(ConnectorOutcome.Failed, update.Outcome);
        Assert.Empty(harness.Stub.Requests);
    }

    [Fact]
    public async Task Calls_MissingTenant_FailWithoutHttpCall()
    {
        await using var harness = await ConnectorHarness.StartAsync();

        var send = await harness.Client.SendToConversationAsync(harness.ServiceUrl, "", "a:1", Message());
        var members = await harness.Client.GetPagedMembersAsync(harness.ServiceUrl, " ", "a:1", null, null);
        var channels = await harness.Client.GetTeamChannelsAsync(harness.ServiceUrl, "", "19:team@thread.tacv2");

        Assert.All([send.ErrorCode, members.ErrorCode, channels.ErrorCode], code => Assert.Equal(ConnectorErrorCodes.InvalidArgument, code));
        Assert.Empty(harness.Stub.Requests);
    }

    [Fact]
    public async Task Calls_NameTheirTenant_WhoseSharedScheduleTheyCountAgainst()
    {
        var budget = new InMemorySendBudget();
        await using var harness = await ConnectorHarness.StartAsync(services: s => s.AddSingleton<IConnectorSendBudget>(budget));

        await harness.Client.SendToConversationAsync(harness.ServiceUrl, "tenant-send", "a:1", Message());
        await harness.Client.GetPagedMembersAsync(harness.ServiceUrl, "tenant-members", "a:1", null, null);
        await harness.Client.CreatePersonalConversationAsync(harness.ServiceUrl, "tenant-create", "28:bot", "29:user");

        Assert.Equal(["tenant-send", "tenant-members", "tenant-create"], budget.Calls.Select(c => c.TenantId));
        Assert.Equal(3, harness.Stub.Requests.Count);
    }

    [Fact]
    public async Task SendToConversationAsync_CallerCancels_ThrowsOperationCanceled()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Stub.EnqueueResponse(new StubResponse(201) { Body = """{"id":"1"}""", Delay = TimeSpan.FromSeconds(5) });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => harness.Client.SendToConversationAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", Message(), cancellation.Token));
    }

    [Fact]
    public async Task ConnectorClient_Mocked_StandsInForCallers()
    {
        var mock = new Mock<ConnectorClient>();
        mock.Setup(c => c.SendToConversationAsync("https://smba.trafficmanager.net/amer/", ConnectorHarness.TenantId, "a:1", It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ConnectorResponse<ResourceResponse>(ConnectorOutcome.RecipientGone, 403, null, "BotNotInConversationRoster"));

        var result = await mock.Object.SendToConversationAsync("https://smba.trafficmanager.net/amer/", ConnectorHarness.TenantId, "a:1", Message());

        Assert.Equal(ConnectorOutcome.RecipientGone, result.Outcome);
    }
}
