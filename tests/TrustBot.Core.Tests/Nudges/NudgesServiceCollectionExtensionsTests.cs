using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Commands;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;
using TrustBot.Core.Nudges;
using TrustBot.Core.Scheduling;
using TrustBot.Core.SpeakUp;

namespace TrustBot.Core.Tests.Nudges;

public sealed class NudgesServiceCollectionExtensionsTests
{
    [Fact]
    public void AddTrustBotCore_WithPorts_ResolvesTheNudgeJobSenderAndButtons()
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
            .AddScoped(_ => Mock.Of<IBotMessenger>())
            .AddSingleton(Mock.Of<ILeaderStore>())
            .AddSingleton(Mock.Of<INudgeStore>())
            .AddSingleton(Mock.Of<IOutbox>())
            .AddSingleton(Mock.Of<IIdempotencyStore>())
            .AddTrustBotCore()
            .AddTrustBotCore();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        using var scope = provider.CreateScope();

        // The job needs no scope: a scheduler may resolve it from the root.
        Assert.Single(provider.GetServices<IScheduledJob>(), j => j is NudgeJob);
        Assert.Single(scope.ServiceProvider.GetServices<IOutboundHandler>(), h => h is NudgeSender);
        Assert.Single(scope.ServiceProvider.GetServices<ICardActionHandler>(), h => h is NudgeActionHandler);
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<LeaderChats>());
    }
}
