using Microsoft.Extensions.Options;
using Moq;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;

namespace TrustBot.Core.Tests.Commands;

/// <summary>The thresholds service over the given leaders and no stored team: every text names the default k.</summary>
internal static class TestThresholds
{
    public static ThresholdsInForce For(ILeaderStore leaders) =>
        new(new InstallationResolver(Mock.Of<IInstallationStore>(), new PersonLeadership(leaders)), Options.Create(new AnonymityOptions { Secret = TestSecret.Value }));
}
