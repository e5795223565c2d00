using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Tests.Scheduling;

public sealed class SchedulingRegistrationTests
{
    [Fact]
    public void AddSchedulingEngine_CalledTwice_ResolvesTheEngineOnce_AndNoFeatureWork()
    {
        using var provider = Services(new Dictionary<string, string?>()).BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        using var scope = provider.CreateScope();

        Assert.NotNull(provider.GetRequiredService<SchedulerTick>());
        Assert.NotNull(provider.GetRequiredService<OutboxWorker>());
        Assert.Same(provider.GetRequiredService<DeliveryInstance>(), provider.GetRequiredService<DeliveryInstance>());
        // Jobs and senders belong to the features that register them; the engine brings none of its own.
        Assert.Empty(scope.ServiceProvider.GetServices<IScheduledJob>());
        Assert.Empty(scope.ServiceProvider.GetServices<IOutboundHandler>());
        Assert.Empty(scope.ServiceProvider.GetServices<IInstallationObserver>());
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

    // The engine's own registration with just the ports it needs, so that the features' jobs (registered by
    // AddTrustBotCore) do not have to be satisfied here.
    private static IServiceCollection Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddSingleton(Mock.Of<IBotMessenger>())
            .AddSingleton(Mock.Of<ITimetable>())
            .AddSingleton(Mock.Of<ILeaseStore>())
            .AddSingleton(Mock.Of<IIdempotencyStore>())
            .AddSingleton(Mock.Of<IOutbox>())
            .AddSingleton(Mock.Of<IDeadLetterLog>())
            .AddSingleton(TimeProvider.System);
        services.AddSchedulingEngine();
        services.AddSchedulingEngine();
        return services;
    }
}
