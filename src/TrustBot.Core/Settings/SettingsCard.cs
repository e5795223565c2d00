using System.Globalization;
using System.Text.Json.Nodes;
using TrustBot.Core.Cards;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Core.Questions;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Settings;

/// <summary>
/// The settings card of one team, sent only to a leader's private chat: the form, the confirmation after a save, and
/// the refusal. Choices are capped by count and by size so that a card for a big team stays far below Teams' 28 KB.
/// </summary>
public static class SettingsCard
{
    public const string Summary = "TrustBot settings";

    /// <summary>The bytes all leader choices together may take (names and ids are long in real tenants).</summary>
    public const int PeopleBudgetBytes = 12_000;

    /// <summary>The bytes all channel choices together may take.</summary>
    public const int ChannelBudgetBytes = 4_000;

    /// <summary>The most channels offered.</summary>
    public const int MaxChannels = 60;

    private const int MaxTitleLength = 60;

    /// <summary>The settings form, filled with <paramref name="values"/>, with <paramref name="problems"/> (if any) at the top.</summary>
    /// <param name="team">The team installation.</param>
    /// <param name="values">The team's current settings, or what was just submitted.</param>
    /// <param name="choices">The channels and people Teams listed.</param>
    /// <param name="leaders">The team's current leaders; always offered, whatever the roster says.</param>
    /// <param name="problems">What was wrong with the last submission; empty for a fresh card.</param>
    /// <param name="shownAt">Now; carried back on save, so leaders added after it are kept.</param>
    public static JsonObject Build(
        Installation team, SettingsValues values, TeamChoices choices, IReadOnlyList<Leader> leaders, IReadOnlyList<string> problems, DateTimeOffset shownAt)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(leaders);
        ArgumentNullException.ThrowIfNull(problems);

        var body = new List<JsonNode> { CardParts.Heading($"Settings for {TeamName(team)}") };
        if (problems.Count > 0)
        {
            body.Add(Problems(problems));
        }
        else
        {
            body.Add(CardParts.Paragraph("Only this team's leaders see this card. Changes apply from the next scheduled check-in."));
        }

        body.Add(CardParts.Subheading("Check-ins"));
        body.Add(ChoiceSet(SettingsVerbs.ChannelInput, "Channel for check-ins", ChannelChoices(choices), values.ChannelId));
        if (!choices.ChannelsListed)
        {
            body.Add(CardParts.Hint("I couldn't read the team's channel list just now, so only the current channel is offered. Try **settings** again later to choose another."));
        }

        body.Add(ChoiceSet(SettingsVerbs.CadenceInput, "How often", SettingsValidator.Cadences.Select(c => (Cadence(c), Invariant(c))), values.Cadence));
        body.Add(ChoiceSet(SettingsVerbs.DayInput, "Weekday", SettingsValidator.Days.Select(d => (d.ToString(), d.ToString())), values.Day));
        var time = Input("Input.Time", SettingsVerbs.TimeInput, "Local time", values.Time);
        time["errorMessage"] = "Choose the time of day the check-in is posted.";
        body.Add(time);
        body.Add(TimeZoneInput(values.TimeZone));
        body.Add(ChoiceSet(
            SettingsVerbs.QuestionSetInput, "Questions", SettingsValidator.QuestionSets.Select(q => (QuestionsTitle(q), q.ToString())), values.QuestionSet, expanded: true));
        body.Add(DateInput(values.PausedUntil));

        body.Add(CardParts.Subheading("Privacy"));
        body.Add(ThresholdInput(values.Threshold));
        body.Add(CardParts.Hint("Nobody, leaders included, sees any result until at least this many people have answered. A higher number protects people better."));
        body.Add(ChoiceSet(
            SettingsVerbs.NotesInput,
            "Where anonymous speak-up notes go",
            [("To the team's leaders only", SettingsVerbs.NotesToLeaders), ("To the leaders, and also into the channel", SettingsVerbs.NotesAlsoInChannel)],
            values.Notes,
            expanded: true));

        body.Add(CardParts.Subheading("Leaders"));
        var people = PeopleChoices(choices, leaders);
        var offered = people.Select(p => p.Value).ToHashSet(StringComparer.Ordinal);
        var leaderChoice = ChoiceSet(SettingsVerbs.LeadersInput, "Team leaders", people, string.Join(',', values.LeaderIds.Where(offered.Contains)));
        leaderChoice["isMultiSelect"] = true;
        body.Add(leaderChoice);
        if (PeopleHint(choices) is { } peopleHint)
        {
            body.Add(CardParts.Hint(peopleHint));
        }

        body.Add(CardActions.ActionSet(Execute("Save settings", SettingsVerbs.Save, team.Key, shownAt)));
        return CardParts.Card(Summary, [.. body]);
    }

    /// <summary>The confirmation after a save: what is now set, when the next check-in is, and a way back to the form.</summary>
    /// <param name="team">The installation as stored after the save.</param>
    /// <param name="leaders">The team's leaders after the save.</param>
    /// <param name="channelName">The name of the check-in channel, when known.</param>
    /// <param name="changes">Sentences about leaders added or removed.</param>
    /// <param name="nextCheckIn">When the next check-in is due.</param>
    /// <param name="now">Now, for the button back to the form.</param>
    /// <param name="openClosesAt">When the check-in open now closes, when one is open.</param>
    public static JsonObject Saved(
        Installation team,
        IReadOnlyList<Leader> leaders,
        string? channelName,
        IReadOnlyList<string> changes,
        DateTimeOffset nextCheckIn,
        DateTimeOffset now,
        DateTimeOffset? openClosesAt = null)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(leaders);
        ArgumentNullException.ThrowIfNull(changes);

        var schedule = team.EffectiveSchedule;
        var zone = TimeZones.Resolve(schedule.TimeZoneId, null);
        var body = new List<JsonNode>
        {
            CardParts.Heading($"Settings saved for {TeamName(team)}"),
            CardParts.Facts(
            [
                ("Channel", channelName is null ? "The chosen channel" : "#" + channelName),
                ("Check-ins", $"{Cadence(schedule.CadenceWeeks)} on {schedule.Day} at {schedule.Time.ToString("HH:mm", CultureInfo.InvariantCulture)}"),
                ("Time zone", ZonedTime.ZoneName(zone)),
                ("Questions", QuestionsTitle(team.QuestionSet)),
                ("Anonymity threshold", Invariant(team.AnonymityThreshold ?? CardParts.DefaultAnonymityThreshold)),
                ("Speak-up notes", team.ShareNotesInChannel ? "Leaders and the channel" : "Leaders only"),
                ("Paused", schedule.PausedUntil is { } until ? "Until " + LongDate(until) : "No"),
                ("Leaders", Names(leaders)),
            ]),
        };
        foreach (var change in changes)
        {
            body.Add(CardParts.Paragraph(change));
        }

        var local = TimeZoneInfo.ConvertTime(nextCheckIn, zone);
        var at = $"{LongDate(DateOnly.FromDateTime(local.DateTime))} at {local.ToString("HH:mm", CultureInfo.InvariantCulture)} ({ZonedTime.ZoneName(zone)})";
        body.Add(CardParts.Paragraph(openClosesAt is { } closes && closes > now
            ? $"The check-in open now closes {ZonedTime.DayAndTime(closes, zone)}; the next one starts on {at}."
            : $"The next check-in is on {at}."));
        body.Add(CardActions.ActionSet(Execute("Change settings", SettingsVerbs.Open, team.Key, now)));
        return CardParts.Card(Summary, [.. body]);
    }

    /// <summary>Why the settings cannot be shown or changed; nothing was changed.</summary>
    public static JsonObject Refused(string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return CardParts.Card(Summary, CardParts.Heading("Settings not changed"), CardParts.Paragraph(message));
    }

    private static JsonObject Problems(IReadOnlyList<string> problems)
    {
        var items = new JsonArray(new JsonObject
        {
            ["type"] = "TextBlock",
            ["text"] = "Nothing was saved. Please fix this, then save again:",
            ["weight"] = "Bolder",
            ["color"] = "Attention",
            ["wrap"] = true,
        });
        foreach (var problem in problems)
        {
            // A bullet character, not markdown "- ": some renderers clip markdown list items.
            items.Add(CardParts.Paragraph("\u2022 " + problem));
        }

        return new JsonObject { ["type"] = "Container", ["style"] = "attention", ["items"] = items };
    }

    private static List<(string Title, string Value)> ChannelChoices(TeamChoices choices)
    {
        var list = new List<(string, string)>();
        var bytes = 0;
        foreach (var channel in choices.Channels.Take(MaxChannels))
        {
            var title = "#" + Shorten(channel.DisplayName);
            bytes += ChoiceBytes(title, channel.Id);
            if (bytes > ChannelBudgetBytes)
            {
                break;
            }

            list.Add((title, channel.Id));
        }

        return list;
    }

    private static List<(string Title, string Value)> PeopleChoices(TeamChoices choices, IReadOnlyList<Leader> leaders)
    {
        // Current leaders first and always, so a save can never drop one just because the roster was cut short.
        var list = leaders
            .DistinctBy(l => l.UserId, StringComparer.Ordinal)
            .Select(l => (Title: PersonTitle(l.Name), Value: l.UserId))
            .ToList();
        var seen = list.Select(p => p.Value).ToHashSet(StringComparer.Ordinal);
        // A leader whose stored Teams id differs from the roster's (another client's id form) is the same person by Entra id.
        var leaderEntraIds = leaders.Select(l => l.AadObjectId).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var bytes = list.Sum(p => ChoiceBytes(p.Title, p.Value));
        foreach (var person in choices.Found.Values.Concat(choices.People))
        {
            if (list.Count >= TeamChoicesReader.MaxPeople)
            {
                break;
            }

            if (!seen.Add(person.UserId) || (person.AadObjectId is { } entraId && leaderEntraIds.Contains(entraId)))
            {
                continue;
            }

            var title = PersonTitle(person.Name);
            bytes += ChoiceBytes(title, person.UserId);
            if (bytes > PeopleBudgetBytes)
            {
                break;
            }

            list.Add((title, person.UserId));
        }

        return list;
    }

    private static string? PeopleHint(TeamChoices choices) =>
        !choices.RosterRead
            ? "I couldn't read the team's member list just now, so only the current leaders are listed. To make someone else a leader, mention me in the team's channel with **leaders add @name**."
            : choices.RosterTruncated
                ? "The team is large, so not everyone is listed here. To make someone else a leader, mention me in the team's channel with **leaders add @name**."
                : null;

    private static JsonObject ChoiceSet(string id, string label, IEnumerable<(string Title, string Value)> choices, string value, bool expanded = false)
    {
        var set = new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = id,
            ["label"] = label,
            ["style"] = expanded ? "expanded" : "compact",
            ["isRequired"] = true,
            ["errorMessage"] = "Please choose one.",
            ["choices"] = new JsonArray(choices.Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["value"] = c.Value }).ToArray()),
        };
        if (value.Length > 0)
        {
            set["value"] = value;
        }

        return set;
    }

    private static JsonObject Input(string type, string id, string label, string value)
    {
        var input = new JsonObject { ["type"] = type, ["id"] = id, ["label"] = label, ["isRequired"] = true };
        if (value.Length > 0)
        {
            input["value"] = value;
        }

        return input;
    }

    private static JsonObject TimeZoneInput(string value)
    {
        var input = Input("Input.Text", SettingsVerbs.TimeZoneInput, "Time zone", value);
        input["placeholder"] = "For example Europe/Berlin or America/New_York";
        input["maxLength"] = 64;
        input["errorMessage"] = "Enter a time zone, for example Europe/Berlin.";
        return input;
    }

    private static JsonObject DateInput(string value)
    {
        var input = new JsonObject
        {
            ["type"] = "Input.Date",
            ["id"] = SettingsVerbs.PausedUntilInput,
            ["label"] = "Pause check-ins until (leave empty to keep them running)",
        };
        if (value.Length > 0)
        {
            input["value"] = value;
        }

        return input;
    }

    private static JsonObject ThresholdInput(string value)
    {
        var input = new JsonObject
        {
            ["type"] = "Input.Number",
            ["id"] = SettingsVerbs.ThresholdInput,
            ["label"] = $"Anonymity threshold ({SettingsValidator.MinThreshold}–{SettingsValidator.MaxThreshold})",
            ["min"] = SettingsValidator.MinThreshold,
            ["max"] = SettingsValidator.MaxThreshold,
            ["isRequired"] = true,
            ["errorMessage"] = $"Enter a whole number from {SettingsValidator.MinThreshold} to {SettingsValidator.MaxThreshold}.",
        };
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            input["value"] = number;
        }

        return input;
    }

    // The data carries the team and when the card was shown, never the tenant: that comes from the verified activity.
    private static JsonObject Execute(string title, string verb, string teamKey, DateTimeOffset shownAt)
    {
        var at = shownAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = title,
            ["verb"] = verb,
            ["style"] = "positive",
            ["data"] = new JsonObject { [SettingsVerbs.TeamKey] = teamKey, [SettingsVerbs.ShownAt] = at },
            ["fallback"] = new JsonObject
            {
                ["type"] = "Action.Submit",
                ["title"] = title,
                ["data"] = new JsonObject { [CardData.Verb] = verb, [SettingsVerbs.TeamKey] = teamKey, [SettingsVerbs.ShownAt] = at },
            },
        };
    }

    internal static string Cadence(int weeks) => weeks == 1 ? "Every week" : $"Every {Invariant(weeks)} weeks";

    internal static string QuestionsTitle(QuestionSet set) => set switch
    {
        QuestionSet.PsychologicalSafety => "Psychological safety only (7 statements)",
        QuestionSet.Trust => "Trust in the team lead only (4 statements)",
        _ => "Everything (all 11 statements)",
    };

    internal static string TeamName(Installation team) => string.IsNullOrWhiteSpace(team.TeamName) ? "this team" : team.TeamName;

    internal static string Names(IEnumerable<Leader> leaders)
    {
        var names = leaders.Select(l => PersonTitle(l.Name)).ToList();
        return names.Count <= 1 ? string.Concat(names) : string.Join(", ", names[..^1]) + " and " + names[^1];
    }

    private static string LongDate(DateOnly date) => date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string PersonTitle(string? name) => string.IsNullOrWhiteSpace(name) ? "(no display name)" : Shorten(name.Trim());

    private static string Shorten(string text) => text.Length > MaxTitleLength ? text[..(MaxTitleLength - 1)] + "…" : text;

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    // What a choice costs in the JSON sent to Teams, where a serializer may escape every non-ASCII character as \uXXXX.
    private static int ChoiceBytes(string title, string value) => JsonLength(title) + JsonLength(value) + 32;

    private static int JsonLength(string text) => text.Sum(c => c is < ' ' or > '~' or '"' or '\\' or '<' or '>' or '&' or '\'' or '+' ? 6 : 1);
}
