using Moq;
using TrustBot.Protocol.Authentication;
using TrustBot.Testing.Auth;

namespace TrustBot.Protocol.Tests.Authentication;

public sealed class MetadataDocumentRetrieverTests
{
    [Theory]
    [InlineData("https://login.botframework.com/v1/.well-known/openidconfiguration", false, true)]
    [InlineData("https://login.botframework.com/v1/.well-known/openidconfiguration", true, true)]
    [InlineData("http://login.botframework.com/v1/.well-known/openidconfiguration", true, false)]
    [InlineData("http://127.0.0.1:5000/v1/.well-known/keys", true, true)]
    [InlineData("http://localhost:5000/v1/.well-known/keys", true, true)]
    [InlineData("http://[::1]:5000/v1/.well-known/keys", true, true)]
    [InlineData("http://127.0.0.1:5000/v1/.well-known/keys", false, false)]
    [InlineData("http://localhost.attacker.example/keys", true, false)]
    [InlineData("http://10.1.2.3/keys", true, false)]
    [InlineData("ftp://127.0.0.1/keys", true, false)]
    [InlineData("/v1/.well-known/keys", true, false)]
    [InlineData("", true, false)]
    [InlineData(null, true, false)]
    public void IsAllowed_Address_OnlyHttpsOrLoopbackHttp(string? address, bool allowLoopbackHttp, bool expected)
    {
        Assert.Equal(expected, MetadataDocumentRetriever.IsAllowed(address, allowLoopbackHttp));
    }

    [Fact]
    public async Task GetDocumentAsync_HttpOffLoopbackInLoopbackMode_ThrowsWithoutCallingOut()
    {
        var factory = new Mock<IHttpClientFactory>(MockBehavior.Strict);
        var retriever = new MetadataDocumentRetriever(factory.Object, allowLoopbackHttp: true);

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => retriever.GetDocumentAsync("http://login.example.com/v1/.well-known/keys", CancellationToken.None));
        factory.Verify(f => f.CreateClient(It.IsAny<string>()), Times.Never);
    }

    [Fact]
    public async Task GetDocumentAsync_LoopbackServer_ReturnsDocumentThroughNamedClient()
    {
        using var issuer = new TestTokenIssuer();
        await using var server = await LoopbackOpenIdServer.StartAsync(issuer);
        using var client = new HttpClient();
        var factory = new Mock<IHttpClientFactory>();
        factory.Setup(f => f.CreateClient(MetadataDocumentRetriever.HttpClientName)).Returns(client);
        var retriever = new MetadataDocumentRetriever(factory.Object, allowLoopbackHttp: true);

        var document = await retriever.GetDocumentAsync(server.BaseUrl + LoopbackOpenIdServer.KeysPath, CancellationToken.None);

        Assert.Equal(issuer.GetJwksJson(), document);
        Assert.Equal(1, server.KeysRequestCount);
    }
}
