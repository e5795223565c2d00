using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Storage.Anonymity;
using TrustBot.Storage.CheckIns;
using TrustBot.Storage.Hosting;

namespace TrustBot.Storage.Tests.Anonymity;

public sealed class AnonymityStorageRegistrationTests
{
    [Fact]
    public void AddBallotStorage_WithStorageClients_ResolvesTheTableStoresAsSingletons()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(new TableServiceClient("UseDevelopmentStorage=true"));
        services.AddSingleton(new QueueServiceClient("UseDevelopmentStorage=true"));
        services.AddSingleton<StorageInitialization>();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddSingleton(Options.Create(new StorageOptions { TablePrefix = "t1" }));

        services.AddBallotStorage();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.IsType<TableCheckInStore>(provider.GetRequiredService<ICheckInStore>());
        Assert.IsType<TableBallotBox>(provider.GetRequiredService<IBallotBox>());
        Assert.Same(provider.GetRequiredService<IBallotBox>(), provider.GetRequiredService<IBallotBox>());
        Assert.IsType<QueueBallotFolder>(provider.GetRequiredService<IBallotFolder>());
        Assert.Same(provider.GetRequiredService<ICheckInStore>(), provider.GetRequiredService<ICheckInStore>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddBallotStorage_TimeProviderAlreadyRegistered_KeepsIt()
    {
        var fake = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(fake);

        services.AddBallotStorage();

        using var provider = services.BuildServiceProvider();
        Assert.Same(fake, provider.GetRequiredService<TimeProvider>());
    }
}
