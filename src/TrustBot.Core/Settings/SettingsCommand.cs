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
/// The card for the private chat, asked for in a channel, is sent at once (the channel's answer says whether it
/// arrived); every answer in the conversation the command came from is a queued reply.
/// </summary>
public sealed class SettingsCommand(
    InstallationResolver resolver,
    SettingsForms forms,
    LeaderChats chats,
    IBotMessenger messenger,
    MessageReplies replies,
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
            _ => RefuseAsync(context.Message, "group-chat", GroupChatReply),
        };
    }

    private async Task InChannelAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        var (team, problem) = await resolver.ResolveAsync(message, string.Empty, cancellationToken);
        if (team is null)
        {
            Refuse(message, "no-installation", problem!);
            return;
        }

        var current = await forms.LeadersOfAsync(team.TenantId, team.Key, cancellationToken);
        var leader = current.FirstOrDefault(l => l.Is(message.FromId, message.FromAadObjectId));
        if (leader is null)
        {
            // The refusal names the leaders to ask, so a leader stored without a name is looked up on the roster.
            Refuse(message, "not-a-leader", NotALeaderReply(team, await forms.NamedAsync(team, current, cancellationToken)));
            return;
        }

        var (chat, opened) = await chats.EnsureAsync(leader, cancellationToken);
        if (chat is null)
        {
            SettingsLog.CardNotSent(logger, opened.Outcome);
            replies.Text(CannotReachReply(opened.Outcome));
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

            replies.Text(CannotReachReply(sent.Outcome));
            return;
        }

        SettingsLog.CardsSent(logger, 1);
        replies.Text($"I've sent you the settings for **{SettingsCard.TeamName(team)}** in our private chat.");
    }

    private async Task InPersonalChatAsync(IncomingMessage message, string arguments, CancellationToken cancellationToken)
    {
        var teams = await resolver.LedTeamsAsync(message.TenantId, message.FromId, message.FromAadObjectId, cancellationToken);
        if (teams.Count == 0)
        {
            Refuse(message, "not-a-leader", NotALeaderAnywhereReply);
            return;
        }

        var wanted = arguments.Trim();
        var matching = wanted.Length == 0
            ? teams
            : teams.Where(t => (t.TeamName ?? string.Empty).Contains(wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matching.Count == 0)
        {
            replies.Text($"You don't lead a team whose name contains \"{Shorten(wanted)}\". Your teams: {TeamNames(teams)}.");
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

            // Replies in this chat, queued in order with the rest; none of them needs the posted id.
            replies.Card(await forms.CurrentAsync(team, current, cancellationToken), SettingsCard.Summary);
            sent++;
        }

        SettingsLog.CardsSent(logger, sent);
        if (matching.Count > MaxCards)
        {
            replies.Text(
                $"You lead {matching.Count} teams; these are the settings of the first {MaxCards}. Type **settings** and part of a team's name for another, or mention me with **settings** in its channel.");
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

    private Task RefuseAsync(IncomingMessage message, string reason, string text)
    {
        Refuse(message, reason, text);
        return Task.CompletedTask;
    }

    private void Refuse(IncomingMessage message, string reason, string text)
    {
        SettingsLog.CommandRefused(logger, message.Kind, reason);
        replies.Text(text);
    }
}
