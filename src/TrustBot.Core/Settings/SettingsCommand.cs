using Microsoft.Extensions.Logging;
using TrustBot.Core.Commands;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Settings;

/// <summary>
/// <c>settings</c> opens a team's settings card for its leaders, always in their private chat with the bot: typed in
/// the team's channel it sends the card there and says so; typed in the private chat it sends one card per team the
/// person leads (<c>settings name</c> narrows to teams whose name contains it). Everyone else gets a polite refusal.
/// </summary>
public sealed class SettingsCommand(
    InstallationResolver resolver,
    SettingsForms forms,
    LeaderChats chats,
    IBotMessenger messenger,
    ILogger<SettingsCommand> logger) : ICommand
{
    public const string CommandName = "settings";

    /// <summary>The most cards one <c>settings</c> in a private chat sends.</summary>
    public const int MaxCards = 5;

    public const string GroupChatReply =
        "Settings belong to a team. A team's leaders can mention me with **settings** in the team's channel, or type **settings** in their private chat with me.";

    public const string NotALeaderAnywhereReply =
        "You don't lead a team that uses TrustBot, so there are no settings for you to change. Whoever added TrustBot to a team is its first leader, and leaders can add others with **leaders add @name** in the team's channel.";

    public string Name => CommandName;

    public string Description => "Change a team's check-in channel, schedule, questions, anonymity threshold and leaders (team leaders only).";

    public IReadOnlyCollection<string> Aliases { get; } = ["setting"];

    public bool LeadersOnly => true;

    public Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Message.Kind switch
        {
            ConversationKind.Channel => InChannelAsync(context.Message, cancellationToken),
            ConversationKind.Personal => InPersonalChatAsync(context.Message, context.Arguments, cancellationToken),
            _ => RefuseAsync(context.Message, "group-chat", GroupChatReply, cancellationToken),
        };
    }

    private async Task InChannelAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        var (team, problem) = await resolver.ResolveAsync(message, string.Empty, cancellationToken);
        if (team is null)
        {
            await RefuseAsync(message, "no-installation", problem!, cancellationToken);
            return;
        }

        var current = await forms.LeadersOfAsync(team.TenantId, team.Key, cancellationToken);
        var leader = current.FirstOrDefault(l => l.Is(message.FromId, message.FromAadObjectId));
        if (leader is null)
        {
            // The refusal names the leaders to ask, so a leader stored without a name is looked up on the roster.
            await RefuseAsync(message, "not-a-leader", NotALeaderReply(team, await forms.NamedAsync(team, current, cancellationToken)), cancellationToken);
            return;
        }

        var (chat, opened) = await chats.EnsureAsync(leader, cancellationToken);
        if (chat is null)
        {
            SettingsLog.CardNotSent(logger, opened.Outcome);
            await ReplyAsync(message, CannotReachReply(opened.Outcome), cancellationToken);
            return;
        }

        var card = await forms.CurrentAsync(team, current, cancellationToken);
        var sent = await messenger.SendCardAsync(chat, card, SettingsCard.Summary, cancellationToken);
        if (!sent.IsDelivered)
        {
            SettingsLog.CardNotSent(logger, sent.Outcome);
            if (sent.Outcome == DeliveryOutcome.RecipientGone)
            {
                await chats.MarkUnreachableAsync(leader, cancellationToken);
            }

            await ReplyAsync(message, CannotReachReply(sent.Outcome), cancellationToken);
            return;
        }

        SettingsLog.CardsSent(logger, 1);
        await ReplyAsync(message, $"I've sent you the settings for **{SettingsCard.TeamName(team)}** in our private chat.", cancellationToken);
    }

    private async Task InPersonalChatAsync(IncomingMessage message, string arguments, CancellationToken cancellationToken)
    {
        var teams = await resolver.LedTeamsAsync(message.TenantId, message.FromId, message.FromAadObjectId, cancellationToken);
        if (teams.Count == 0)
        {
            await RefuseAsync(message, "not-a-leader", NotALeaderAnywhereReply, cancellationToken);
            return;
        }

        var wanted = arguments.Trim();
        var matching = wanted.Length == 0
            ? teams
            : teams.Where(t => (t.TeamName ?? string.Empty).Contains(wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matching.Count == 0)
        {
            await ReplyAsync(message, $"You don't lead a team whose name contains \"{Shorten(wanted)}\". Your teams: {TeamNames(teams)}.", cancellationToken);
            return;
        }

        var sent = 0;
        foreach (var team in matching.OrderBy(t => t.TeamName, StringComparer.OrdinalIgnoreCase).Take(MaxCards))
        {
            // Read again per team: the leaders are needed for the card, and the person must still be one of them.
            var current = await forms.LeadersOfAsync(team.TenantId, team.Key, cancellationToken);
            if (!current.Any(l => l.Is(message.FromId, message.FromAadObjectId)))
            {
                continue;
            }

            var card = await forms.CurrentAsync(team, current, cancellationToken);
            var result = await messenger.SendCardAsync(message.ReplyAddress, card, SettingsCard.Summary, cancellationToken);
            if (!result.IsDelivered)
            {
                SettingsLog.CardNotSent(logger, result.Outcome);
                return;
            }

            sent++;
        }

        SettingsLog.CardsSent(logger, sent);
        if (matching.Count > MaxCards)
        {
            await ReplyAsync(
                message,
                $"You lead {matching.Count} teams; these are the settings of the first {MaxCards}. Type **settings** and part of a team's name for another, or mention me with **settings** in its channel.",
                cancellationToken);
        }
    }

    private static string NotALeaderReply(Installation team, List<Leader> current) => current.Count == 0
        ? $"Only a team's leaders can change its settings, and **{SettingsCard.TeamName(team)}** has no leaders yet. Whoever added TrustBot to the team can become its first leader with **leaders add @name**."
        : $"Only the leaders of **{SettingsCard.TeamName(team)}** can change its settings: {SettingsCard.Names(current)}. Please ask one of them.";

    private static string CannotReachReply(DeliveryOutcome outcome) => outcome == DeliveryOutcome.RecipientGone
        ? "I couldn't open a private chat with you, so I can't show you the settings. Open TrustBot from the apps in Teams, then type **settings** in our chat."
        : "I couldn't reach our private chat just now, so I can't show you the settings. Please try again in a few minutes.";

    private static string TeamNames(IEnumerable<Installation> teams) => string.Join(", ", teams.Select(SettingsCard.TeamName));

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private Task RefuseAsync(IncomingMessage message, string reason, string text, CancellationToken cancellationToken)
    {
        SettingsLog.CommandRefused(logger, message.Kind, reason);
        return ReplyAsync(message, text, cancellationToken);
    }

    private Task ReplyAsync(IncomingMessage message, string text, CancellationToken cancellationToken) =>
        messenger.ReplyTextAsync(message, text, logger, cancellationToken);
}
