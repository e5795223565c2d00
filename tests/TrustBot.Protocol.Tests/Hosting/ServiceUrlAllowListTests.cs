using Microsoft.Extensions.Options;
using TrustBot.Protocol.Hosting;

namespace TrustBot.Protocol.Tests.Hosting;

public sealed class ServiceUrlAllowListTests
{
    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/")]
    [InlineData("https://smba.trafficmanager.net/amer/3f1a2b3c-0000-4000-8000-000000000000/")]
    [InlineData("https://SMBA.TrafficManager.NET/emea/")]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/gcc")]
    [InlineData("https://smba.infra.gov.teams.microsoft.us/gcch")]
    [InlineData("https://directline.botframework.com/")]
    public void IsAllowed_BotFrameworkAndTeamsHosts_True(string serviceUrl)
    {
        Assert.True(Create().IsAllowed(serviceUrl));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    [InlineData("http://smba.trafficmanager.net/amer/")]
    [InlineData("https://smba.trafficmanager.net.attacker.example/")]
    [InlineData("https://attackersmba.trafficmanager.net.example/")]
    [InlineData("https://evilbotframework.com/")]
    [InlineData("https://user:secret@smba.trafficmanager.net/amer/")]
    [InlineData("https://169.254.169.254/metadata")]
    [InlineData("ftp://smba.trafficmanager.net/")]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("http://localhost:5000/")]
    public void IsAllowed_ForeignOrMalformed_False(string? serviceUrl)
    {
        Assert.False(Create().IsAllowed(serviceUrl));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("http://localhost:56150/_connector")]
    [InlineData("http://[::1]:8080/")]
    public void IsAllowed_LoopbackInLocalMode_True(string serviceUrl)
    {
        Assert.True(Create(appId: "").IsAllowed(serviceUrl));
    }

    [Fact]
    public void IsAllowed_LocalMode_StillRefusesForeignHosts()
    {
        Assert.False(Create(appId: "").IsAllowed("http://10.0.0.1/"));
    }

    [Fact]
    public void IsAllowed_ConfiguredHostExtendsDefaults()
    {
        var allowList = Create(extraHost: "127.0.0.1");

        Assert.True(allowList.IsAllowed("http://127.0.0.1:5000/"));
        Assert.True(allowList.IsAllowed("https://smba.trafficmanager.net/amer/"));
    }

    private static ServiceUrlAllowList Create(string appId = "2f0a6b8e-5d1c-4a8e-9b3f-7c6d5e4f3a21", string? extraHost = null)
    {
        var framework = new BotFrameworkOptions();
        if (extraHost is not null)
        {
            framework.AllowedServiceUrlHosts.Add(extraHost);
        }

        return new ServiceUrlAllowList(Options.Create(framework), Options.Create(new BotOptions { MicrosoftAppId = appId }));
    }
}
