using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Commands;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Tests;

public sealed class CoreServiceCollectionExtensionsTests
{
    [Fact]
    public void AddTrustBotCore_WithPorts_ResolvesHandlersAndHelpCommand()
    {
        using var provider = Services().BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        using var scope = provider.CreateScope();

        Assert.NotNull(scope.ServiceProvider.GetRequiredService<InstallationHandler>());
        var messages = scope.ServiceProvider.GetRequiredService<MessageHandler>();
        Assert.Equal([HelpCommand.CommandName], messages.Commands.Select(c => c.Name));
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Same(provider.GetRequiredService<ServiceUrlCache>(), scope.ServiceProvider.GetRequiredService<ServiceUrlCache>());
    }

    [Fact]
    public void AddTrustBotCore_CalledTwiceAfterCustomClock_KeepsClockAndRegistersHelpOnce()
    {
        var clock = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        AddPorts(services).AddTrustBotCore().AddTrustBotCore();

        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();

        Assert.Same(clock, provider.GetRequiredService<TimeProvider>());
        Assert.Single(scope.ServiceProvider.GetServices<ICommand>());
    }

    private static IServiceCollection Services() => AddPorts(new ServiceCollection()).AddTrustBotCore();

    private static IServiceCollection AddPorts(IServiceCollection services) => services
        .AddLogging()
        .AddSingleton(Mock.Of<IInstallationStore>())
        .AddSingleton(Mock.Of<IBotMessenger>());
}
