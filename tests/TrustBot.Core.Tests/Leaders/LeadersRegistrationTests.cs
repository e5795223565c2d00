using Microsoft.Extensions.DependencyInjection;
using TrustBot.Core.Commands;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;

namespace TrustBot.Core.Tests.Leaders;

public sealed class LeadersRegistrationTests
{
    [Fact]
    public void AddTrustBotCore_RegistersEnrollmentCommandChatsAndOneDetailsCache()
    {
        var services = CorePorts.AddTo(new ServiceCollection());
        services.AddTrustBotCore().AddTrustBotCore();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        using var first = provider.CreateScope();
        using var second = provider.CreateScope();

        Assert.Single(first.ServiceProvider.GetServices<IInstallationObserver>().OfType<LeaderEnrollment>());
        Assert.Single(first.ServiceProvider.GetServices<ICommand>().OfType<LeadersCommand>());
        Assert.NotNull(first.ServiceProvider.GetRequiredService<LeaderChats>());
        Assert.Same(first.ServiceProvider.GetRequiredService<LeaderDetails>(), second.ServiceProvider.GetRequiredService<LeaderDetails>());
    }
}
