using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Commands;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;
using TrustBot.Core.Scheduling;
using TrustBot.Core.SpeakUp;

namespace TrustBot.Core.Tests.Leaders;

public sealed class LeaderRegistrationTests
{
    [Fact]
    public void AddTrustBotCore_RegistersEnrollmentCommandChatsAndOneDetailsCache()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Anonymity:Secret"] = new string('s', 40) })
                .Build())
            .AddSingleton(Mock.Of<IInstallationStore>())
            .AddSingleton(Mock.Of<ICheckInStore>())
            .AddSingleton(Mock.Of<IBallotBox>())
            .AddSingleton(Mock.Of<ISpeakUpStore>())
            .AddSingleton(Mock.Of<INoteDispatcher>())
            .AddSingleton(Mock.Of<IBotMessenger>())
            .AddSingleton(Mock.Of<ILeaderStore>())
            .AddSingleton(Mock.Of<ITimetable>());
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
