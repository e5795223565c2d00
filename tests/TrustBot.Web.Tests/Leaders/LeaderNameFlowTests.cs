using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Core.Leaders;
using TrustBot.Core.Settings;
using TrustBot.Testing.Connector;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Leaders;

/// <summary>
/// A leader is shown by name wherever a name can be had: the install event, the roster, or their own messages.
/// The install events here carry no <c>from.name</c>, as the Agents Playground sends them. Real HTTP, real Azurite.
/// </summary>
[Collection(BotHostGroup.Name)]
public sealed class LeaderNameFlowTests(BotHostFixture host)
{
    private const string Placeholder = "display name";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly TeamsActivities _teams = new(host.ServiceUrl, Guid.NewGuid().ToString());
    private readonly TeamsUser _member = TeamsUser.Create(7);

    private ILeaderStore Leaders => host.Factory.Services.GetRequiredService<ILeaderStore>();

    private string ThreadId => $"{_teams.SelectedChannelId};messageid=1776390257332";

    [Fact]
    public async Task Install_WithoutAName_StoresTheInstallersNameFromTheRoster()
    {
        SetRoster(withInstaller: true);

        await InstallWithoutNameAsync();

        Assert.Equal("Ada Lovelace", (await InstallerAsync()).Name);
    }

    [Fact]
    public async Task Leaders_ALeaderWithoutAStoredName_IsListedByTheirRosterName()
    {
        // The roster does not list the installer yet when the app is added, so nothing names them at install.
        SetRoster(withInstaller: false);
        await InstallWithoutNameAsync();
        Assert.Null((await InstallerAsync()).Name);
        SetRoster(withInstaller: true);

        (await host.PostAsync(_teams.ChannelMentionFrom(_member, "leaders", []))).Dispose();

        var reply = await ReplyAsync("The leader of");
        Assert.Contains("Ada Lovelace", reply, StringComparison.Ordinal);
        Assert.DoesNotContain(Placeholder, reply, StringComparison.Ordinal);
        Assert.Equal("Ada Lovelace", (await InstallerAsync()).Name);
    }

    [Fact]
    public async Task Settings_ALeaderWithoutAStoredName_IsOfferedByNameInTheLeaderPicker()
    {
        SetRoster(withInstaller: false);
        await InstallWithoutNameAsync();
        SetRoster(withInstaller: true);

        (await host.PostAsync(_teams.ChannelMentionFrom(_teams.Installer, "settings", []))).Dispose();

        var card = await SettingsCardAsync();
        var choices = LeaderChoices(card);
        Assert.Contains(("Ada Lovelace", _teams.UserId), choices);
        Assert.Contains((_member.Name, _member.Id), choices);
        Assert.DoesNotContain(choices, c => c.Title.Contains(Placeholder, StringComparison.Ordinal));
        Assert.Contains(_teams.UserId, (string?)LeaderChoiceSet(card)["value"] ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersonalMessage_FromALeaderWithoutAStoredName_StoresTheirName()
    {
        SetRoster(withInstaller: false);
        await InstallWithoutNameAsync();
        Assert.Null((await InstallerAsync()).Name);

        using var response = await host.PostAsync(_teams.PersonalMessageFrom(_teams.Installer, "help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Ada Lovelace", (await InstallerAsync()).Name);
    }

    private void SetRoster(bool withInstaller)
    {
        List<JsonObject> members = [StubConnector.Member(_member.Id, _member.Name, _member.AadObjectId), StubConnector.Member(BotHostFixture.BotId, "TrustBot")];
        if (withInstaller)
        {
            members.Insert(0, StubConnector.Member(_teams.UserId, "Ada Lovelace", _teams.UserAadObjectId));
        }

        host.Connector.SetRoster(members, _teams.TeamId);
    }

    private async Task InstallWithoutNameAsync()
    {
        var install = _teams.TeamInstall();
        install["from"]!.AsObject().Remove("name");
        using var response = await host.PostAsync(install);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<Leader> InstallerAsync() =>
        await Leaders.GetAsync(_teams.TenantId, _teams.TeamId, _teams.UserId, CancellationToken.None)
        ?? throw new InvalidOperationException("The installer is not a leader.");

    private async Task<string> ReplyAsync(string containing)
    {
        var reply = await host.Connector.WaitForRequestAsync(
            r => r.Method == "POST" && r.Path == $"/v3/conversations/{ThreadId}/activities"
                && (r.Body?["text"]?.GetValue<string>() ?? "").Contains(containing, StringComparison.Ordinal),
            Wait);
        return reply.Body!["text"]!.GetValue<string>();
    }

    private async Task<JsonObject> SettingsCardAsync()
    {
        var request = await host.Connector.WaitForRequestAsync(
            r => r.Method == "POST"
                && r.ConversationId is { } id && id == host.Connector.PersonalConversationId(_teams.TenantId, _teams.UserId)
                && r.Body?["attachments"] is JsonArray { Count: > 0 }
                && PostedCards.Text(PostedCards.CardOf(r)).Contains("Settings for", StringComparison.Ordinal),
            Wait);
        return PostedCards.CardOf(request);
    }

    private static JsonObject LeaderChoiceSet(JsonObject card) => Descendants(card)
        .OfType<JsonObject>()
        .Single(o => (string?)o["type"] == "Input.ChoiceSet" && (string?)o["id"] == SettingsVerbs.LeadersInput);

    private static List<(string Title, string Value)> LeaderChoices(JsonObject card) =>
        [.. LeaderChoiceSet(card)["choices"]!.AsArray().Select(c => ((string)c!["title"]!, (string)c["value"]!))];

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }
}
