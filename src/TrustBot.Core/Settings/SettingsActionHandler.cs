using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using TrustBot.Core.Cards;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Commands;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Settings;

/// <summary>
/// Saves the settings card, or shows it again. Card data is untrusted: it names only the team, which is looked up in
/// the activity's own tenant, and the person who pressed must lead that team. Every value is checked before anything
/// is written; with any problem the card comes back with the submitted values and every problem, and nothing changes.
/// A valid save stores the settings, adds and removes leaders (with their nudges) and re-plans the team's timetable.
/// </summary>
public sealed class SettingsActionHandler(
    IInstallationStore installations,
    SettingsForms forms,
    TeamChoicesReader reader,
    LeaderChanges changes,
    TeamPlanner planner,
    ICheckInStore checkIns,
    TimeProvider timeProvider,
    ILogger<SettingsActionHandler> logger) : ICardActionHandler
{
    public const string MissingTeamMessage = "This card doesn't say which team it is for. Type **settings** to get a fresh one.";

    public const string NoIdentityMessage = "I couldn't tell who you are, so I can't change any settings. Please try again from the Teams app.";

    public const string NotALeaderMessage = "Only the team's leaders can change its settings, and you're not one of them (any more). Nothing was changed.";

    public const string TeamGoneMessage = "TrustBot is no longer installed in this team, so there are no settings to change.";

    public const string RosterUnreadableProblem =
        "I couldn't read the team's member list just now, so I couldn't check the new leaders. Try again in a moment, or mention me in the team's channel with **leaders add @name**.";

    public const string NotOnRosterProblem = "Some of the chosen leaders aren't members of the team. Choose people from the list.";

    public IReadOnlyCollection<string> Verbs { get; } = [SettingsVerbs.Save, SettingsVerbs.Open];

    public async Task<JsonObject> HandleAsync(CardAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var teamKey = action.IdValue(SettingsVerbs.TeamKey);
        if (string.IsNullOrWhiteSpace(teamKey))
        {
            return Refuse("missing-team", MissingTeamMessage);
        }

        if (string.IsNullOrEmpty(action.FromId) && string.IsNullOrEmpty(action.FromAadObjectId))
        {
            return Refuse("no-identity", NoIdentityMessage);
        }

        // The tenant comes from the verified activity, never from the card: a team of another tenant does not exist here.
        var current = await forms.LeadersOfAsync(action.TenantId, teamKey, cancellationToken);
        if (!current.Any(l => l.Is(action.FromId, action.FromAadObjectId)))
        {
            return Refuse("not-a-leader", NotALeaderMessage);
        }

        var team = await installations.GetAsync(action.TenantId, teamKey, cancellationToken);
        if (team is not { IsActiveTeam: true })
        {
            return Refuse("team-gone", TeamGoneMessage);
        }

        if (action.Verb == SettingsVerbs.Open)
        {
            SettingsLog.Reopened(logger);
            return await forms.CurrentAsync(team, current, cancellationToken);
        }

        return await SaveAsync(action, team, current, cancellationToken);
    }

    private async Task<JsonObject> SaveAsync(CardAction action, Installation team, List<Leader> current, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var values = SettingsValues.Submitted(action.Data);
        var currentIds = current.Select(l => l.UserId).ToHashSet(StringComparer.Ordinal);
        var additions = values.LeaderIds.Where(id => !currentIds.Contains(id)).ToList();

        var choices = await reader.ReadAsync(team, [.. additions, .. SettingsForms.NamelessIds(current)], cancellationToken);
        current = await forms.NameAsync(current, choices, cancellationToken);
        var validation = SettingsValidator.Validate(values, choices.ChannelIds, team.EffectiveSchedule, now);
        var problems = validation.Problems.ToList();
        if (additions.Any(id => !choices.Found.ContainsKey(id)) && !problems.Contains(SettingsValidator.BotLeaderProblem))
        {
            problems.Add(choices.RosterRead ? NotOnRosterProblem : RosterUnreadableProblem);
        }

        if (problems.Count > 0 || validation.Settings is not { } settings)
        {
            SettingsLog.SaveInvalid(logger, problems.Count);
            return SettingsCard.Build(team, values, choices, current, problems, now);
        }

        var updated = await installations.UpdateSettingsAsync(team.TenantId, team.Key, settings, now, cancellationToken);
        if (updated is null)
        {
            return Refuse("team-gone", TeamGoneMessage);
        }

        var lines = new List<string>();
        var teamName = SettingsCard.TeamName(updated);
        var enrolled = new List<Leader>();
        foreach (var id in additions)
        {
            var person = choices.Found[id];
            var timeZone = id == action.FromId ? action.ClientTimeZone : null;
            var added = await changes.EnrollAsync(updated, person, updated.ServiceUrl, updated.BotId, timeZone, cancellationToken);
            enrolled.Add(added);
            lines.Add($"{Name(added.Name)} now leads **{teamName}**.");
        }

        if (additions.Count > 0)
        {
            lines.Add("I'll send each new leader one small habit a week in a private chat with me.");
        }

        // Leaders added after this card was shown were not on it, so leaving them unticked says nothing about them.
        var shownAt = ShownAt(action, now);
        var selected = validation.LeaderIds.ToHashSet(StringComparer.Ordinal);
        var removals = current.Where(l => !selected.Contains(l.UserId) && l.AddedAt <= shownAt).ToList();
        foreach (var leader in removals)
        {
            await changes.RemoveAsync(leader, cancellationToken);
            lines.Add($"{Name(leader.Name)} no longer leads **{teamName}**.");
        }

        await planner.ReplanAsync(updated, cancellationToken);
        SettingsLog.Saved(logger, additions.Count, removals.Count);

        // The leaders now: what was read, less those removed, plus those enrolled; no need to read them again.
        List<Leader> after = [.. current.Except(removals).Concat(enrolled).OrderBy(l => l.AddedAt)];
        var channelName = choices.Channels.FirstOrDefault(c => c.Id == settings.ChannelId)?.DisplayName;
        var next = TeamTimetable.NextCheckIn(updated.EffectiveSchedule, now);
        var open = await checkIns.GetOpenAsync(updated.TenantId, updated.Key, now, cancellationToken);
        if (open is not null && next < open.ClosesAt)
        {
            // The occurrence inside the open check-in is skipped, so the card names the one that will really start.
            next = TeamTimetable.NextCheckInAfterOpen(updated.EffectiveSchedule, next, open.ClosesAt);
        }

        return SettingsCard.Saved(updated, after, channelName, lines, next, now, open?.ClosesAt);
    }

    /// <summary>
    /// Nothing was saved; "Try again" opens the team's current settings, since the card's own values cannot be kept
    /// on a card without inputs.
    /// </summary>
    public JsonObject WhenStorageUnavailable(CardAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var retry = StorageOutageViews.TryAgain(SettingsVerbs.Open, SettingsVerbs.TeamKey, action.Value(SettingsVerbs.TeamKey));
        return action.Verb == SettingsVerbs.Save
            ? StorageOutageViews.NotSaved(SettingsCard.Summary, "Your settings were not saved", retry)
            : StorageOutageViews.CannotShow(SettingsCard.Summary, retry);
    }

    // A missing, unreadable or future instant means now: every leader on the team counts as shown.
    private static DateTimeOffset ShownAt(CardAction action, DateTimeOffset now) =>
        DateTimeOffset.TryParse(action.Value(SettingsVerbs.ShownAt), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var shownAt) && shownAt <= now
            ? shownAt
            : now;

    private static string Name(string? name) => string.IsNullOrWhiteSpace(name) ? "A leader without a display name" : name.Trim();

    private JsonObject Refuse(string reason, string message)
    {
        SettingsLog.SaveRefused(logger, reason);
        return SettingsCard.Refused(message);
    }
}
