using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.ScaleOut;

/// <summary>
/// Tests that time requests across several hosts to the millisecond, run alone: next to other tests that start hosts
/// of their own, two cores leave a host's requests a fifth of a second late, more than any pacing can answer for.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PacingGroup : ICollectionFixture<BotHostFixture>
{
    public const string Name = "pacing";
}
