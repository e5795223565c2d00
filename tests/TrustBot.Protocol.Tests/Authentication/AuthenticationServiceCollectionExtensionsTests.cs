using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Protocol.Authentication;

namespace TrustBot.Protocol.Tests.Authentication;

public sealed class AuthenticationServiceCollectionExtensionsTests
{
    [Fact]
    public void AddBotAuthentication_ResolvesOneValidatorForTheProcess()
    {
        using var provider = Build(new ServiceCollection());

        var first = provider.GetRequiredService<BotTokenValidator>();
        var second = provider.GetRequiredService<BotTokenValidator>();

        Assert.Same(first, second);
    }

    [Fact]
    public void AddBotAuthentication_NoClockRegistered_AddsSystemClock()
    {
        using var provider = Build(new ServiceCollection());

        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddBotAuthentication_ClockAlreadyRegistered_KeepsIt()
    {
        var clock = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);

        using var provider = Build(services);

        Assert.Same(clock, provider.GetRequiredService<TimeProvider>());
        Assert.Single(services, d => d.ServiceType == typeof(TimeProvider));
    }

    private static ServiceProvider Build(ServiceCollection services)
    {
        services.Configure<BotOptions>(o => o.MicrosoftAppId = ValidatorHarness.AppId);
        services.Configure<BotFrameworkOptions>(_ => { });
        services.AddBotAuthentication();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
