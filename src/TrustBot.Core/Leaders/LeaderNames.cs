using Microsoft.Extensions.Logging;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Leaders;

/// <summary>
/// Names leaders stored without a display name (an install event or mention that carried none) from the people Teams
/// lists, and stores the names found, so that a list falls back to a placeholder only when Teams has no name either.
/// Only leaders' names are stored; the rest of a roster stays in memory. Never throws for Teams' or storage's answers.
/// </summary>
public sealed class LeaderNames(ILeaderStore leaders, IBotMessenger messenger, ILogger<LeaderNames> logger)
{
    /// <summary>The most people read from a roster while looking for leaders' names.</summary>
    public const int MaxRosterScan = 5_000;

    /// <summary>Whether the leader has no display name to show.</summary>
    public static bool IsNameless(Leader leader)
    {
        ArgumentNullException.ThrowIfNull(leader);
        return string.IsNullOrWhiteSpace(leader.Name);
    }

    /// <summary>
    /// <paramref name="current"/> in the same order, each leader without a name named from the team's roster when it
    /// lists them. The roster is read only when someone is missing a name, and only until all of them are found.
    /// </summary>
    public async Task<List<Leader>> FromRosterAsync(Installation team, IReadOnlyList<Leader> current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(current);
        var missing = current.Count(IsNameless);
        if (missing == 0)
        {
            return [.. current];
        }

        var found = new List<TeamMember>();
        try
        {
            var scanned = 0;
            await foreach (var member in messenger.ListMembersAsync(team.TenantId, team.ServiceUrl, team.TeamId ?? team.Key, cancellationToken))
            {
                if (!string.IsNullOrWhiteSpace(member.Name) && current.Any(leader => IsNameless(leader) && IsPerson(leader, member)))
                {
                    found.Add(member);
                }

                if (++scanned >= MaxRosterScan || found.Count >= missing)
                {
                    break;
                }
            }
        }
        catch (InvalidOperationException exception)
        {
            LeadersLog.RosterUnreadableForNames(logger);
            LeadersLog.NamesFailureDetail(logger, exception);
        }

        return await ApplyAsync(current, found, cancellationToken);
    }

    /// <summary>
    /// <paramref name="current"/> in the same order, each leader without a name named from <paramref name="people"/>
    /// (matched by Teams user id, else Entra object id); the names found are stored on the leaders.
    /// </summary>
    public async Task<List<Leader>> ApplyAsync(IReadOnlyList<Leader> current, IEnumerable<TeamMember> people, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(people);
        var named = people.Where(p => !string.IsNullOrWhiteSpace(p.Name)).ToList();
        var result = new List<Leader>(current.Count);
        var stored = 0;
        foreach (var leader in current)
        {
            var name = IsNameless(leader) ? named.FirstOrDefault(p => IsPerson(leader, p))?.Name!.Trim() : null;
            if (name is null)
            {
                result.Add(leader);
                continue;
            }

            result.Add(leader with { Name = name });
            if (await StoreAsync(leader, name, cancellationToken))
            {
                stored++;
            }
        }

        if (stored > 0)
        {
            LeadersLog.NamesStored(logger, stored);
        }

        return result;
    }

    // The Teams user id is the leader's key; the Entra id matches the same person when a client reported another id form.
    private static bool IsPerson(Leader leader, TeamMember member) =>
        string.Equals(leader.UserId, member.UserId, StringComparison.Ordinal)
        || (!string.IsNullOrEmpty(leader.AadObjectId) && string.Equals(leader.AadObjectId, member.AadObjectId, StringComparison.OrdinalIgnoreCase));

    private async Task<bool> StoreAsync(Leader leader, string name, CancellationToken cancellationToken)
    {
        try
        {
            // Read again: the row may have changed (a chat opened) since it was listed, and an update replaces it whole.
            var stored = await leaders.GetAsync(leader.TenantId, leader.TeamKey, leader.UserId, cancellationToken);
            return stored is not null && IsNameless(stored) && await leaders.UpdateAsync(stored with { Name = name }, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The name is still shown this time; storing it is only a saving for the next list.
            LeadersLog.NameNotStored(logger, exception.GetType().Name);
            LeadersLog.NamesFailureDetail(logger, exception);
            return false;
        }
    }
}
