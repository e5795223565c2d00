using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;

namespace TrustBot.Core.Settings;

/// <summary>Builds a team's settings card from what is stored and what Teams lists; shared by the command and the card actions.</summary>
public sealed class SettingsForms(
    ILeaderStore leaders, TeamChoicesReader reader, LeaderNames names, IOptions<AnonymityOptions> anonymity, TimeProvider timeProvider)
{
    /// <summary>The team's leaders as stored.</summary>
    public async Task<List<Leader>> LeadersOfAsync(string tenantId, string teamKey, CancellationToken cancellationToken)
    {
        var list = new List<Leader>();
        await foreach (var leader in leaders.ListForTeamAsync(tenantId, teamKey, cancellationToken))
        {
            list.Add(leader);
        }

        return [.. list.DistinctBy(l => l.UserId, StringComparer.Ordinal).OrderBy(l => l.AddedAt)];
    }

    /// <summary>The team's leaders, those stored without a display name named from the team's roster.</summary>
    public Task<List<Leader>> NamedAsync(Installation team, IReadOnlyList<Leader> current, CancellationToken cancellationToken) =>
        names.FromRosterAsync(team, current, cancellationToken);

    /// <summary>The card filled with the team's current settings.</summary>
    public async Task<JsonObject> CurrentAsync(Installation team, IReadOnlyList<Leader> current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(current);
        var choices = await reader.ReadAsync(team, NamelessIds(current), cancellationToken);
        var named = await NameAsync(current, choices, cancellationToken);
        var values = SettingsValues.Current(team, named, anonymity.Value.DefaultThreshold);
        return SettingsCard.Build(team, values, choices, named, [], timeProvider.GetUtcNow());
    }

    /// <summary>The ids of the leaders stored without a display name, for the roster read to look for.</summary>
    public static List<string> NamelessIds(IEnumerable<Leader> current) => [.. current.Where(LeaderNames.IsNameless).Select(l => l.UserId)];

    /// <summary>
    /// <paramref name="current"/> with the names the roster read gave leaders stored without one (and those names
    /// stored), so the leader picker offers every leader by name.
    /// </summary>
    public async Task<List<Leader>> NameAsync(IReadOnlyList<Leader> current, TeamChoices choices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(choices);
        return await names.ApplyAsync(current, choices.Found.Values.Concat(choices.People), cancellationToken);
    }
}
