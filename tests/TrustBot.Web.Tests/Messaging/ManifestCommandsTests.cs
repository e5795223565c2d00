using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Core.Commands;
using TrustBot.Testing;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Messaging;

/// <summary>The commands Teams suggests from the app manifest are exactly the ones the running bot understands.</summary>
[Collection(BotHostGroup.Name)]
public sealed class ManifestCommandsTests(BotHostFixture host)
{
    [Fact]
    public void ManifestCommandLists_NameEveryCommandTheBotRegisters_AndNoOther()
    {
        using var scope = host.Factory.Services.CreateScope();
        var registered = scope.ServiceProvider.GetRequiredService<MessageHandler>().Commands.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "manifest", "manifest.template.json")))!;
        var listed = manifest["bots"]![0]!["commandLists"]!.AsArray()
            .SelectMany(list => list!["commands"]!.AsArray().Select(command => (string)command!["title"]!))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(registered.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }
}
