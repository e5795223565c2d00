using Microsoft.Extensions.DependencyInjection;
using TrustBot.Core.Commands;
using TrustBot.Core.Delivery;
using TrustBot.Core.Leaders;
using TrustBot.Core.Nudges;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Tests.Nudges;

public sealed class NudgesRegistrationTests
{
    [Fact]
    public void AddTrustBotCore_WithPorts_ResolvesTheNudgeJobSenderAndButtons()
    {
        var services = CorePorts.AddTo(new ServiceCollection())
            .AddTrustBotCore()
            .AddTrustBotCore();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        using var scope = provider.CreateScope();

        // The scheduler tick resolves jobs per scope, since some of them use the scoped messenger.
        Assert.Single(scope.ServiceProvider.GetServices<IScheduledJob>(), j => j is NudgeJob);
        Assert.Single(scope.ServiceProvider.GetServices<IOutboundHandler>(), h => h is NudgeSender);
        Assert.Single(scope.ServiceProvider.GetServices<ICardActionHandler>(), h => h is NudgeActionHandler);
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<LeaderChats>());
    }
}
