using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Core.Scheduling;
using TrustBot.Core.SpeakUp;

namespace TrustBot.Core.Tests.Delivery;

public sealed class DeliveryEngineRegistrationTests
{
    [Fact]
    public void AddDeliveryEngine_CalledTwice_ResolvesEachJobHandlerAndObserverOnce()
    {
        using var provider = Services(new Dictionary<string, string?>()).BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        using var scope = provider.CreateScope();

        Assert.NotNull(provider.GetRequiredService<SchedulerTick>());
        Assert.NotNull(provider.GetRequiredService<OutboxWorker>());
        Assert.Same(provider.GetRequiredService<DeliveryInstance>(), provider.GetRequiredService<DeliveryInstance>());
        Assert.Equal([JobNames.CheckIn, JobNames.SpeakUp], scope.ServiceProvider.GetServices<IScheduledJob>().Select(j => j.Kind));
        Assert.Equal([OutboundKinds.CheckIn, OutboundKinds.SpeakUp], scope.ServiceProvider.GetServices<IOutboundHandler>().Select(h => h.Kind));
        Assert.Single(scope.ServiceProvider.GetServices<IInstallationObserver>());
        Assert.Contains(scope.ServiceProvider.GetServices<IInstallationObserver>(), o => o is TeamPlanner);
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<TeamPlanner>());
    }

    [Fact]
    public void DeliveryOptions_FromConfiguration_AreBound()
    {
        using var provider = Services(new Dictionary<string, string?> { ["Delivery:PollInterval"] = "00:00:05", ["Delivery:Concurrency"] = "4" }).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<DeliveryOptions>>().Value;

        Assert.Equal((TimeSpan.FromSeconds(5), 4), (options.PollInterval, options.Concurrency));
    }

    [Theory]
    [InlineData("Delivery:SendSectionTimeout", "00:05:00")]
    [InlineData("Delivery:MaxAttempts", "0")]
    [InlineData("Delivery:PollInterval", "00:00:00")]
    [InlineData("Delivery:Concurrency", "1000")]
    public void DeliveryOptions_Invalid_FailValidation(string key, string value)
    {
        using var provider = Services(new Dictionary<string, string?> { [key] = value }).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DeliveryOptions>>().Value);
    }

    // The engine's own registration with just the ports and launchers it needs, so that the other features' jobs
    // (registered by AddTrustBotCore too) do not have to be satisfied here.
    private static IServiceCollection Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddSingleton(Mock.Of<IInstallationStore>())
            .AddSingleton(Mock.Of<ICheckInStore>())
            .AddSingleton(Mock.Of<ISpeakUpStore>())
            .AddSingleton(Mock.Of<IBotMessenger>())
            .AddSingleton(Mock.Of<ITimetable>())
            .AddSingleton(Mock.Of<ILeaseStore>())
            .AddSingleton(Mock.Of<IIdempotencyStore>())
            .AddSingleton(Mock.Of<IOutbox>())
            .AddSingleton(Mock.Of<IDeadLetterLog>())
            .AddSingleton(TimeProvider.System)
            .AddScoped<CheckInLauncher>()
            .AddSingleton<NoteReleasePlanner>()
            .AddScoped<SpeakUpLauncher>();
        services.AddDeliveryEngine();
        services.AddDeliveryEngine();
        return services;
    }
}
