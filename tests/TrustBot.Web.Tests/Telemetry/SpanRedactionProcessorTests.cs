using System.Diagnostics;
using TrustBot.Web.Telemetry;

namespace TrustBot.Web.Tests.Telemetry;

public sealed class SpanRedactionProcessorTests
{
    [Fact]
    public void OnEnd_ConnectorSpan_KeepsMethodRouteAndStatusOnly()
    {
        using var span = new Activity("System.Net.Http.HttpRequestOut") { DisplayName = "POST" };
        span.SetTag("http.request.method", "POST");
        span.SetTag("url.full", "https://smba.trafficmanager.net/emea/v3/conversations/a:1chat/activities?q=29:1user");
        span.SetTag("url.query", "q=29:1user");
        span.SetTag("http.response.status_code", 201);
        span.SetTag("server.address", "smba.trafficmanager.net");
        span.SetTag("user_agent.original", "bot 29:1user");
        span.SetTag("client.address", "10.0.0.7");
        span.SetTag("enduser.id", "29:1user");
        span.SetTag("http.request.header.authorization", "Bearer x");
        span.SetTag("az.service_request_id", "6b1d2c3e-0000-0000-0000-000000000000");

        new SpanRedactionProcessor().OnEnd(span);

        Assert.Equal("POST /emea/v3/conversations/{conversationId}/activities", span.DisplayName);
        Assert.Equal(
            ["http.request.method=POST", "url.full=https://smba.trafficmanager.net/emea/v3/conversations/{conversationId}/activities", "http.response.status_code=201", "server.address=smba.trafficmanager.net"],
            span.TagObjects.Select(t => $"{t.Key}={t.Value}"));
    }

    [Fact]
    public void OnEnd_FailedStorageSpan_LosesTheStatusDescription()
    {
        using var span = new Activity("TableClient.GetEntity");
        span.SetStatus(ActivityStatusCode.Error, "GET https://st1.table.core.windows.net/Ballots(PartitionKey='t',RowKey='p-abc') failed");

        new SpanRedactionProcessor().OnEnd(span);

        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Null(span.StatusDescription);
    }

    [Fact]
    public async Task ExceptionEvents_WhileTheSuppressorRuns_CarryTheTypeOnly()
    {
        using var source = new ActivitySource("TrustBot.Tests." + Guid.NewGuid().ToString("N"));
        using var sampler = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(sampler);
        using var suppressor = new ExceptionDetailSuppressor();
        await suppressor.StartAsync(CancellationToken.None);
        using var span = source.StartActivity("TableClient.GetEntity")!;

        try
        {
            throw new InvalidOperationException("GET /Ballots(PartitionKey='t',RowKey='p-0123456789abcdef') failed");
        }
        catch (InvalidOperationException failure)
        {
            span.AddException(failure);
        }

        var tags = Assert.Single(span.Events).Tags.ToDictionary(t => t.Key, t => t.Value?.ToString());
        Assert.Equal(typeof(InvalidOperationException).FullName, tags["exception.type"]);
        Assert.Equal(typeof(InvalidOperationException).FullName, tags["exception.message"]);
        Assert.Equal(string.Empty, tags["exception.stacktrace"]);
    }
}
