namespace TrustBot.Storage.Tests;

/// <summary>Every class that needs Azurite joins this collection, so the assembly starts one emulator.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteServer>
{
    public const string Name = "Azurite";
}
