using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Protocol.Connector;
using TrustBot.Protocol.Hosting;

namespace TrustBot.Protocol.Tests.Connector;

public sealed class ConnectorServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? before = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddOptions<BotOptions>().Bind(configuration);
        services.AddOptions<BotFrameworkOptions>().BindConfiguration(BotFrameworkOptions.SectionName);
        before?.Invoke(services);
        services.AddBotConnector();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void AddBotConnector_SecretConfiguration_ResolvesEveryRoot()
    {
        using var provider = Build(new()
        {
            ["MicrosoftAppId"] = "00000000-0000-0000-0000-0000000000aa",
            ["MicrosoftAppPassword"] = "secret",
            ["MicrosoftAppTenantId"] = "11111111-1111-1111-1111-111111111111",
        });

        Assert.NotNull(provider.GetRequiredService<ConnectorClient>());
        Assert.IsType<AzureIdentityBotTokenProvider>(provider.GetRequiredService<IBotTokenProvider>());
        Assert.Same(ConnectorRateLimits.Teams, provider.GetRequiredService<ConnectorRateLimiter>().Limits);
        Assert.NotNull(provider.GetRequiredService<ServiceUrlAllowList>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddBotConnector_ConnectorSection_BindsOptionsOverDefaults()
    {
        using var provider = Build(new()
        {
            ["BotFramework:Connector:MaxRetries"] = "2",
            ["BotFramework:Connector:MaxRetryAfter"] = "00:01:00",
        });

        var options = provider.GetRequiredService<IOptions<ConnectorOptions>>().Value;

        Assert.Equal(2, options.MaxRetries);
        Assert.Equal(TimeSpan.FromMinutes(1), options.MaxRetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(1), options.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.AttemptTimeout);
    }

    [Fact]
    public void AddBotConnector_ExistingRegistrations_AreKept()
    {
        var time = new FakeTimeProvider();
        var tokens = new FakeBotTokenProvider("t");
        var limits = new ConnectorRateLimits([], [new RateLimitWindow(TimeSpan.FromSeconds(1), 10)]);

        using var provider = Build([], services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.AddSingleton<IBotTokenProvider>(tokens);
            services.AddSingleton(limits);
        });

        Assert.Same(time, provider.GetRequiredService<TimeProvider>());
        Assert.Same(tokens, provider.GetRequiredService<IBotTokenProvider>());
        Assert.Same(limits, provider.GetRequiredService<ConnectorRateLimiter>().Limits);
    }

    [Fact]
    public async Task AddBotConnector_HostRegistersASharedBudget_TheLimiterBooksTenantSlotsFromIt()
    {
        var budget = new InMemorySendBudget();
        using var provider = Build(new() { ["BotFramework:Connector:MaxInstances"] = "2" }, services => services.AddSingleton<IConnectorSendBudget>(budget));

        await provider.GetRequiredService<ConnectorRateLimiter>().WaitAsync("tenant-a", "a:1", CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(("tenant-a", 1), (budget.Calls.Single().TenantId, budget.Calls.Single().Count));
        Assert.Equal(2, provider.GetRequiredService<IOptions<ConnectorOptions>>().Value.MaxInstances);
    }

    [Fact]
    public void AddBotConnector_NoSharedBudget_PacesInThisProcessAndAssumesThreeInstances()
    {
        using var provider = Build([]);

        var limiter = provider.GetRequiredService<ConnectorRateLimiter>();
        var waits = Enumerable.Range(0, 6).Select(i => limiter.WaitAsync("tenant-a", $"a:{i}", CancellationToken.None).AsTask()).ToList();

        // Decided at once, in this process, by Teams' pacing: five per 105 ms.
        Assert.Equal(5, waits.Count(w => w.IsCompletedSuccessfully));
        Assert.Equal(3, provider.GetRequiredService<IOptions<ConnectorOptions>>().Value.MaxInstances);
    }

    [Fact]
    public void AddBotConnector_MisconfiguredCredential_FailsOnResolutionWithClearMessage()
    {
        using var provider = Build(new() { ["MicrosoftAppId"] = "00000000-0000-0000-0000-0000000000aa" });

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IBotTokenProvider>());

        Assert.Contains("MicrosoftAppTenantId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddBotConnector_CalledTwice_DoesNotStackHandlers()
    {
        await using var stub = await TrustBot.Testing.Connector.StubConnector.StartAsync();
        using var provider = Build(new() { ["BotFramework:AllowedServiceUrlHosts:0"] = "127.0.0.1", ["BotFramework:Connector:MaxRetries"] = "1" }, services =>
        {
            services.AddSingleton<IBotTokenProvider>(new FakeBotTokenProvider("t"));
            services.AddBotConnector();
        });
        stub.RespondAlways(TrustBot.Testing.Connector.StubResponse.ForStatus(503));

        var result = await provider.GetRequiredService<ConnectorClient>().SendToConversationAsync(
            stub.ServiceUrl, ConnectorHarness.TenantId, "a:1", new TrustBot.Protocol.Activities.Activity { Type = "message" });

        Assert.Equal(503, result.StatusCode);
        Assert.Equal(2, stub.Requests.Count);
    }
}
