using Microsoft.Extensions.Logging;
using TrustBot.Core.Commands;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Leaders;

/// <summary>
/// <c>leaders</c> in a team channel lists the team's leaders; <c>leaders add @name</c> and <c>leaders remove @name</c>
/// change the list, for current leaders only. A team always keeps at least one leader.
/// </summary>
public sealed class LeadersCommand(
    InstallationResolver installations,
    ILeaderStore leaders,
    LeaderChanges changes,
    LeaderDetails details,
    PersonLeadership leadership,
    LeaderNames names,
    LeaderCandidateCheck candidates,
    MessageReplies replies,
    ILogger<LeadersCommand> logger) : ICommand
{
    public const string CommandName = "leaders";

    public const string ManagedInChannelReply =
        "Leaders are managed in the team's channel: mention me there with **leaders** to see them, or **leaders add @name** / **leaders remove @name** to change them.";

    public const string UsageReply =
        "Mention the people, for example **leaders add @name** or **leaders remove @name**. **leaders** on its own shows who leads this team.";

    public string Name => CommandName;

    public string Description => "See who leads this team, or change it with `leaders add @name` / `leaders remove @name` (in the team's channel).";

    public IReadOnlyCollection<string> Aliases { get; } = ["leader"];

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        if (message.Kind != ConversationKind.Channel || string.IsNullOrEmpty(message.TeamId))
        {
            Reply(ManagedInChannelReply);
            return;
        }

        await details.RefreshAsync(
            leadership, message.TenantId, message.FromId, message.FromAadObjectId, message.FromName, message.ClientTimeZone, cancellationToken);
        var (team, problem) = await installations.ResolveAsync(message, string.Empty, cancellationToken);
        if (team is null)
        {
            Reply(problem!);
            return;
        }

        // Names for the list and for refusals: a leader stored without one is looked up on the roster.
        var current = await names.FromRosterAsync(team, await ListAsync(team, cancellationToken), cancellationToken);
        var verb = FirstWord(context.Arguments).ToLowerInvariant();
        var reply = verb switch
        {
            "" or "list" or "show" => ListReply(team, current),
            "add" or "remove" or "rm" when message.Mentions.Count == 0 => UsageReply,
            "add" => await ChangeAsync(message, team, current, AddAsync, cancellationToken),
            "remove" or "rm" => await ChangeAsync(message, team, current, RemoveAsync, cancellationToken),
            _ => UsageReply,
        };
        Reply(reply);
    }

    private delegate Task<string> Change(IncomingMessage message, Installation team, List<Leader> current, CancellationToken cancellationToken);

    private async Task<string> ChangeAsync(
        IncomingMessage message, Installation team, List<Leader> current, Change change, CancellationToken cancellationToken)
    {
        if (current.Count == 0 && IsInstaller(message, team) && !string.IsNullOrEmpty(message.FromId))
        {
            // A team installed before leaders existed has none; its installer is the one who can start the list.
            current.Add(await EnrollAsync(team, new TeamMember(message.FromId, message.FromAadObjectId, message.FromName), message, cancellationToken));
            LeadersLog.InstallerAdopted(logger);
        }

        if (!current.Any(leader => leader.Is(message.FromId, message.FromAadObjectId)))
        {
            LeadersLog.ChangeRefused(logger);
            return current.Count == 0
                ? $"**{TeamName(team)}** has no leaders yet, so I can't let anyone change them. Whoever adds TrustBot to a team becomes its first leader."
                : $"Only the leaders of **{TeamName(team)}** can change who leads it: {Join(current.Select(DisplayName))}. Please ask one of them.";
        }

        return await change(message, team, current, cancellationToken);
    }

    private async Task<string> AddAsync(IncomingMessage message, Installation team, List<Leader> current, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var added = 0;
        foreach (var person in message.Mentions)
        {
            var name = person.Name ?? "That person";
            if (person.UserId.StartsWith("28:", StringComparison.Ordinal))
            {
                lines.Add($"{name} is a bot; only people can lead a team.");
            }
            else if (current.Any(leader => leader.UserId == person.UserId))
            {
                lines.Add($"{name} already leads **{TeamName(team)}**.");
            }
            else if (await candidates.ProblemAsync(team, person, cancellationToken) is { } problem)
            {
                lines.Add(problem);
            }
            else
            {
                current.Add(await EnrollAsync(team, person, message, cancellationToken));
                added++;
                lines.Add($"{name} now leads **{TeamName(team)}**.");
            }
        }

        if (added > 0)
        {
            LeadersLog.LeadersAdded(logger, added);
            lines.Add("I'll send each new leader one small habit a week in a private chat with me.");
        }

        return string.Join("\n\n", lines);
    }

    private async Task<string> RemoveAsync(IncomingMessage message, Installation team, List<Leader> current, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var removed = 0;
        foreach (var person in message.Mentions)
        {
            var leader = current.FirstOrDefault(l => l.UserId == person.UserId);
            var name = person.Name ?? leader?.Name ?? "That person";
            if (leader is null)
            {
                lines.Add($"{name} doesn't lead **{TeamName(team)}**.");
            }
            else if (current.Count == 1)
            {
                lines.Add($"{name} is the last leader of **{TeamName(team)}**, and a team always needs one. Add someone else first (**leaders add @name**), then remove {name}.");
            }
            else
            {
                await changes.RemoveAsync(leader, cancellationToken);
                current.Remove(leader);
                removed++;
                lines.Add($"{name} no longer leads **{TeamName(team)}**.");
            }
        }

        if (removed > 0)
        {
            LeadersLog.LeadersRemoved(logger, removed);
        }

        return string.Join("\n\n", lines);
    }

    private Task<Leader> EnrollAsync(Installation team, TeamMember person, IncomingMessage message, CancellationToken cancellationToken) =>
        changes.EnrollAsync(
            team, person, message.ServiceUrl, message.BotId, person.UserId == message.FromId ? message.ClientTimeZone : null, cancellationToken);

    private async Task<List<Leader>> ListAsync(Installation team, CancellationToken cancellationToken)
    {
        var list = new List<Leader>();
        await foreach (var leader in leaders.ListForTeamAsync(team.TenantId, team.Key, cancellationToken))
        {
            list.Add(leader);
        }

        return list;
    }

    private static string ListReply(Installation team, List<Leader> current) => current.Count == 0
        ? $"**{TeamName(team)}** has no leaders yet. Whoever adds TrustBot to a team becomes its first leader."
        : $"{(current.Count == 1 ? "The leader" : "The leaders")} of **{TeamName(team)}**: {Join(current.OrderBy(l => l.AddedAt).Select(DisplayName))}. Leaders can change this with **leaders add @name** or **leaders remove @name**.";

    private static bool IsInstaller(IncomingMessage message, Installation team) =>
        !string.IsNullOrEmpty(message.FromAadObjectId)
        && string.Equals(team.InstalledByAadObjectId, message.FromAadObjectId, StringComparison.OrdinalIgnoreCase);

    private static string DisplayName(Leader leader) => string.IsNullOrWhiteSpace(leader.Name) ? "(a leader without a display name)" : leader.Name;

    private static string TeamName(Installation team) => team.TeamName ?? "this team";

    private static string Join(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list[..^1]) + " and " + list[^1];
    }

    private static string FirstWord(string arguments)
    {
        var trimmed = arguments.Trim();
        var end = trimmed.IndexOfAny([' ', '\t', '\n', '\r']);
        return end < 0 ? trimmed : trimmed[..end];
    }

    private void Reply(string text) => replies.Text(text);
}
