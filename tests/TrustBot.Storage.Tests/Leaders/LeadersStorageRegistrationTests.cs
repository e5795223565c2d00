using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TrustBot.Core.Leaders;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Leaders;

namespace TrustBot.Storage.Tests.Leaders;

public sealed class LeadersStorageRegistrationTests
{
    [Fact]
    public void AddTrustBotStorage_RegistersTheTableLeaderStoreOnce()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:AccountName"] = "trustbotleaders01" });
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.None));
        builder.AddTrustBotStorage();
        using var host = builder.Build();

        Assert.Single(builder.Services, d => d.ServiceType == typeof(ILeaderStore));
        Assert.IsType<TableLeaderStore>(host.Services.GetRequiredService<ILeaderStore>());
    }
}
