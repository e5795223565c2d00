namespace TrustBot.Storage.Tests.Anonymity;

/// <summary>
/// The ballot tests wait for real fold times (storage hides ballots by its own clock), so they get their own Azurite
/// and run beside the other storage tests instead of after them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BallotFoldAzurite : ICollectionFixture<AzuriteServer>
{
    public const string Name = "Azurite for ballot folds";
}
