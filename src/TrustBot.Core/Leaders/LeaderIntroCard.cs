using System.Globalization;
using System.Text.Json.Nodes;
using TrustBot.Core.Cards;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Leaders;

/// <summary>
/// The short introduction the person who adds TrustBot to a team gets in their private chat: what TrustBot will do,
/// that they lead the team, the commands they need, and when the first check-in and their weekly habit come.
/// </summary>
public static class LeaderIntroCard
{
    public const string Summary = "You lead your team on TrustBot";

    /// <param name="leaderName">The leader's display name, when known.</param>
    /// <param name="teamName">The team's name, when known.</param>
    /// <param name="otherLeaders">The names of the team's other leaders (none for a new team).</param>
    /// <param name="firstCheckIn">When the team's next check-in is due.</param>
    /// <param name="cadenceWeeks">How many weeks apart the check-ins are.</param>
    /// <param name="nudgeSlot">The leader's weekly habit slot, in their zone.</param>
    /// <param name="zone">The zone the first check-in is shown in: the leader's, else the team's.</param>
    /// <param name="threshold">The team's anonymity threshold.</param>
    public static JsonObject Build(
        string? leaderName,
        string? teamName,
        IReadOnlyList<string> otherLeaders,
        DateTimeOffset firstCheckIn,
        int cadenceWeeks,
        WeeklySlot nudgeSlot,
        TimeZoneInfo zone,
        int threshold)
    {
        ArgumentNullException.ThrowIfNull(otherLeaders);
        ArgumentNullException.ThrowIfNull(nudgeSlot);
        ArgumentNullException.ThrowIfNull(zone);
        var team = string.IsNullOrWhiteSpace(teamName) ? "your team" : teamName.Trim();
        var greeting = string.IsNullOrWhiteSpace(leaderName) ? "Welcome to TrustBot" : $"Welcome to TrustBot, {leaderName.Trim()}";
        var role = otherLeaders.Count == 0
            ? $"You added me to **{team}**, so you're its first leader."
            : $"You added me to **{team}**, so you now lead it together with {Join(otherLeaders)}.";
        var checkIn = TimeZoneInfo.ConvertTime(firstCheckIn, zone);

        return CardParts.Card(
            Summary,
            CardParts.Heading(greeting),
            CardParts.Paragraph(role + " This private chat is where I'll help you build trust in the team, a few minutes a week."),
            CardParts.Subheading("What I'll do"),
            CardParts.Paragraph($"\u2022 Post a short check-in in the team's channel {Cadence(cadenceWeeks)}, and a speak-up prompt now and then."),
            CardParts.Paragraph("\u2022 Send you one small habit to try each week, chosen from what the team's answers say, and a digest after each check-in."),
            CardParts.Facts(
            [
                ("First check-in", $"{checkIn.ToString("dddd d MMMM 'at' HH:mm", CultureInfo.InvariantCulture)} ({zone.Id})"),
                ("Your weekly habit", $"{nudgeSlot.Day}s at {nudgeSlot.Time.ToString("HH:mm", CultureInfo.InvariantCulture)} ({nudgeSlot.TimeZoneId})"),
            ]),
            CardParts.Promise(threshold),
            CardParts.Subheading("What you can type"),
            CardParts.Paragraph("\u2022 **settings** here: the team's channel, schedule, questions, threshold and leaders."),
            CardParts.Paragraph("\u2022 **leaders** in the team's channel (mention me): see who leads the team; **leaders add @name** shares the role."),
            CardParts.Paragraph("\u2022 **help**: everything else I can do."));
    }

    private static string Cadence(int weeks) => weeks <= 1 ? "every week" : $"every {weeks.ToString(CultureInfo.InvariantCulture)} weeks";

    private static string Join(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
}
