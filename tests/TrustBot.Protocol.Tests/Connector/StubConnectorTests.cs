using System.Net;
using System.Text;
using TrustBot.Testing.Connector;

namespace TrustBot.Protocol.Tests.Connector;

public sealed class StubConnectorTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task StartAsync_Default_ServesOnLoopbackWithTrailingSlash()
    {
        await using var stub = await StubConnector.StartAsync();

        Assert.StartsWith("http://127.0.0.1:", stub.ServiceUrl, StringComparison.Ordinal);
        Assert.EndsWith("/", stub.ServiceUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnqueueResponse_WithPredicate_AppliesOnlyToMatchingRequests()
    {
        await using var stub = await StubConnector.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(stub.ServiceUrl) };
        stub.EnqueueResponse(404, when: r => r.ConversationId == "a:gone");

        using var other = await http.PostAsync("v3/conversations/a%3Aok/activities", Json("{}"));
        using var gone = await http.PostAsync("v3/conversations/a%3Agone/activities", Json("{}"));
        using var again = await http.PostAsync("v3/conversations/a%3Agone/activities", Json("{}"));

        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task CreateConversation_PersonalWithoutTenant_IsRejectedLikeTeams()
    {
        await using var stub = await StubConnector.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(stub.ServiceUrl) };

        using var response = await http.PostAsync("v3/conversations", Json("""{"isGroup":false,"members":[{"id":"29:u"}]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("BadArgument", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpectedBearerToken_WrongToken_Returns401AndRecords()
    {
        await using var stub = await StubConnector.StartAsync();
        stub.ExpectedBearerToken = "right";
        using var http = new HttpClient { BaseAddress = new Uri(stub.ServiceUrl) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "wrong");

        using var response = await http.DeleteAsync("v3/conversations/a%3A1/activities/5");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var request = Assert.Single(stub.Requests);
        Assert.Equal("wrong", request.BearerToken);
        Assert.Equal(StubOperation.DeleteActivity, request.Operation);
        Assert.Equal("5", request.ActivityId);
    }

    [Fact]
    public async Task WaitForRequestAsync_LaterRequest_CompletesWhenItArrives()
    {
        await using var stub = await StubConnector.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(stub.ServiceUrl) };

        var waiting = stub.WaitForRequestAsync(r => r.Operation == StubOperation.UpdateActivity, TimeSpan.FromSeconds(5));
        using var response = await http.PutAsync("v3/conversations/a%3A1/activities/9", Json("""{"type":"message"}"""));
        var request = await waiting;

        Assert.Equal("9", request.ActivityId);
        Assert.Equal("message", (string?)request.Body?["type"]);
    }

    [Fact]
    public async Task WaitForRequestAsync_NoMatch_TimesOut()
    {
        await using var stub = await StubConnector.StartAsync();

        await Assert.ThrowsAsync<TimeoutException>(() => stub.WaitForRequestAsync(_ => true, TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task UnknownPath_Returns404AndIsRecordedAsUnknown()
    {
        await using var stub = await StubConnector.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(stub.ServiceUrl) };

        using var response = await http.GetAsync("v3/teams/19%3At");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(StubOperation.Unknown, Assert.Single(stub.Requests).Operation);
    }
}
