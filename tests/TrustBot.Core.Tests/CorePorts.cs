using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;
using TrustBot.Core.Nudges;
using TrustBot.Core.Retention;
using TrustBot.Core.Scheduling;
using TrustBot.Core.SpeakUp;

namespace TrustBot.Core.Tests;

/// <summary>Every port Core expects its host and storage to supply, as loose mocks, for registration tests.</summary>
internal static class CorePorts
{
    public static IServiceCollection AddTo(IServiceCollection services) => services
        .AddLogging()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Anonymity:Secret"] = TestSecret.Value })
            .Build())
        .AddSingleton(Mock.Of<IInstallationStore>())
        .AddSingleton(Mock.Of<ICheckInStore>())
        .AddSingleton(Mock.Of<IBallotBox>())
        .AddSingleton(Mock.Of<IBallotFolder>())
        .AddSingleton(Mock.Of<ISpeakUpStore>())
        .AddSingleton(Mock.Of<INoteDispatcher>())
        .AddSingleton(Mock.Of<ILeaderStore>())
        .AddSingleton(Mock.Of<ITimetable>())
        .AddSingleton(Mock.Of<INudgeStore>())
        .AddSingleton(Mock.Of<IOutbox>())
        .AddSingleton(Mock.Of<IIdempotencyStore>())
        .AddSingleton(Mock.Of<ILeaseStore>())
        .AddSingleton(Mock.Of<IDeadLetterLog>())
        .AddSingleton(Mock.Of<Core.Digests.IPredictionStore>())
        .AddSingleton(Mock.Of<IRetentionStore>())
        .AddSingleton(Mock.Of<Core.Launching.ILaunchCounter>())
        .AddSingleton(Mock.Of<IBotMessenger>());
}
