using System.Text.Json.Nodes;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Testing.Schemas;

namespace TrustBot.Core.Tests.Cards;

/// <summary>
/// Every card the product builds, read by Microsoft's own Adaptive Cards library as a Teams client would; one node
/// process checks them all, with deliberately broken cards among them to show the check can fail.
/// </summary>
public sealed class OfficialCardLibraryTests
{
    private const string BrokenPrefix = "broken-";

    [Fact]
    public async Task EveryProductCard_HasNoParseOrValidationEvents_AndBrokenCardsDo()
    {
        var product = ProductCardCatalog.All().ToList();
        Assert.Equal(product.Count, product.Select(c => c.Name).Distinct().Count());
        var kinds = product.Select(c => c.Name.Split('-')[0]).ToHashSet();
        Assert.Superset(new HashSet<string> { "welcome", "help", "privacy", "checkin", "speakup", "notes", "nudge", "digest", "settings" }, kinds);

        var report = await OfficialCardLibrary.CheckAsync([.. product.Select(c => (c.Name, (JsonNode)c.Card)), .. Broken()]);

        Assert.Equal(product.Count + Broken().Count(), report.Count);
        var productEvents = report.Where(r => !r.Key.StartsWith(BrokenPrefix, StringComparison.Ordinal) && r.Value.Count > 0)
            .Select(r => $"{r.Key}: {string.Join("; ", r.Value)}");
        Assert.Empty(productEvents);
        Assert.Contains(report[BrokenPrefix + "unknown-element"], e => e.StartsWith("UnknownElementType", StringComparison.Ordinal));
        Assert.Contains(report[BrokenPrefix + "bad-enum"], e => e.StartsWith("InvalidPropertyValue", StringComparison.Ordinal));
        Assert.Contains(report[BrokenPrefix + "version-1.6"], e => e.StartsWith("UnsupportedCardVersion", StringComparison.Ordinal));
        Assert.Contains(report[BrokenPrefix + "duplicate-id"], e => e.StartsWith("DuplicateId", StringComparison.Ordinal));
    }

    private static IEnumerable<(string Name, JsonNode Card)> Broken()
    {
        var unknownElement = WelcomeCard.Build(ConversationKind.Channel);
        unknownElement["body"]!.AsArray().Add(new JsonObject { ["type"] = "Input.Dropdown", ["id"] = "x" });
        yield return (BrokenPrefix + "unknown-element", unknownElement);

        var badEnum = WelcomeCard.Build(ConversationKind.Channel);
        badEnum["body"]![0]!["size"] = "Huge";
        yield return (BrokenPrefix + "bad-enum", badEnum);

        var newerVersion = WelcomeCard.Build(ConversationKind.Channel);
        newerVersion["version"] = "1.6";
        yield return (BrokenPrefix + "version-1.6", newerVersion);

        var duplicateId = WelcomeCard.Build(ConversationKind.Channel);
        duplicateId["body"]!.AsArray().Add(new JsonObject { ["type"] = "Input.Text", ["id"] = "note", ["label"] = "Note" });
        duplicateId["body"]!.AsArray().Add(new JsonObject { ["type"] = "Input.Text", ["id"] = "note", ["label"] = "Note again" });
        yield return (BrokenPrefix + "duplicate-id", duplicateId);
    }
}
