using TrustBot.Web.Telemetry;

namespace TrustBot.Web.Tests.Telemetry;

public sealed class UrlTemplateTests
{
    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/v3/conversations/a:1x9Yz-AbC/activities?x=1", "https://smba.trafficmanager.net/emea/v3/conversations/{conversationId}/activities")]
    [InlineData("https://smba.trafficmanager.net/amer/72f988bf-86f1-41af-91ab-2d7cd011db47/v3/conversations/19%3Aabc%40thread.tacv2/activities/1776390257332", "https://smba.trafficmanager.net/amer/{id}/v3/conversations/{conversationId}/activities/{activityId}")]
    [InlineData("https://smba.trafficmanager.net/emea/v3/conversations/19:abc@thread.tacv2/pagedmembers?continuationToken=t0k", "https://smba.trafficmanager.net/emea/v3/conversations/{conversationId}/pagedmembers")]
    [InlineData("https://st1.table.core.windows.net/Ballots(PartitionKey='t',RowKey='p-0123456789abcdef0123456789abcdef')?$select=RowKey", "https://st1.table.core.windows.net/Ballots({keys})")]
    [InlineData("http://127.0.0.1:10002/devstoreaccount1/Tables('Ballots')", "http://127.0.0.1:10002/devstoreaccount1/Tables({keys})")]
    [InlineData("https://st1.table.core.windows.net/Ballots()?$filter=PartitionKey%20eq%20'29:1abc'", "https://st1.table.core.windows.net/Ballots({keys})")]
    [InlineData("https://st1.queue.core.windows.net/outbox/messages/3f2a1b4c-1111-4222-8333-944445555666?popreceipt=AgAAAA", "https://st1.queue.core.windows.net/outbox/messages/{messageId}")]
    public void FullOf_KeepsTheResourceKindAndDropsIdsKeysAndQueries(string url, string expected) =>
        Assert.Equal(expected, UrlTemplate.FullOf(url));

    [Theory]
    [InlineData("/api/messages?token=29:1abc", "/api/messages")]
    [InlineData("/29:1abc/e3b0c442-98fc-4c14-9afb-f4c8996fb924", "/{id}/{id}")]
    [InlineData("/x/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "/x/{id}")]
    [InlineData(null, "/")]
    public void PathOf_ReplacesAnythingThatIsNotAPlainName(string? path, string expected) =>
        Assert.Equal(expected, UrlTemplate.PathOf(path));
}
