using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrustBot.Core.Nudges;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Nudges;

namespace TrustBot.Storage.Tests.Nudges;

public sealed class NudgesStorageRegistrationTests
{
    [Fact]
    public void AddNudgeStorage_WithStorageClients_ResolvesTheTableStoreAsSingleton()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(new TableServiceClient("UseDevelopmentStorage=true"));
        services.AddSingleton(Options.Create(new StorageOptions { TablePrefix = "t1" }));

        services.AddNudgeStorage().AddNudgeStorage();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.IsType<TableNudgeStore>(provider.GetRequiredService<INudgeStore>());
        Assert.Same(provider.GetRequiredService<INudgeStore>(), provider.GetRequiredService<INudgeStore>());
        Assert.Single(provider.GetServices<INudgeStore>());
    }
}
