namespace TrustBot.Protocol.Tests.Connector.TeamsLimits;

// Tests that measure real-clock pacing run after the parallel ones, on an otherwise idle host.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTimingGroup
{
    public const string Name = "Serial timing";
}
