using Microsoft.Extensions.Options;
using TrustBot.Core.Commands;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Launching;

/// <summary>
/// Decides whether a person may start a check-in or speak-up by hand: in a team only its leaders may, and a team gets
/// at most <see cref="LaunchOptions.MaxManualLaunchesPerTeamPerDay"/> manual launches per UTC day. Scheduled launches
/// do not pass through here.
/// </summary>
public sealed class LaunchGate(
    ILeaderStore leaders,
    ILaunchCounter counter,
    LeaderZones zones,
    IOptions<LaunchOptions> options,
    TimeProvider time)
{
    /// <param name="what">What would be started, for the replies ("a check-in", "a speak-up").</param>
    public async Task<LaunchDecision> TryBeginAsync(IncomingMessage message, Installation installation, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(installation);
        var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (installation.IsActiveTeam && await NotALeaderReplyAsync(message, installation, what, cancellationToken) is { } refusal)
        {
            return new LaunchDecision(refusal, day);
        }

        var limit = options.Value.MaxManualLaunchesPerTeamPerDay;
        if (!await counter.TryReserveAsync(installation.TenantId, installation.Key, day, limit, cancellationToken))
        {
            var resetsAt = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var zone = await zones.ForAsync(message, installation, cancellationToken);
            return new LaunchDecision(
                $"**{installation.TeamName ?? "This team"}** has already had {limit} check-ins or speak-ups started by hand today, " +
                $"the most one day allows, so I didn't start {what}. Scheduled ones still go out. You can start one again from " +
                $"{ZonedTime.WithZone(resetsAt, zone)}.",
                day);
        }

        return new LaunchDecision(null, day);
    }

    /// <summary>
    /// Runs <paramref name="launch"/> when the person may start <paramref name="what"/> now, and gives the day's
    /// reservation back when <paramref name="started"/> says nothing was launched after all (or the launch threw), so a
    /// refused or failed launch costs nothing. Returns the launch's result, or the refusal when it was not run.
    /// </summary>
    public async Task<(T? Result, string? Refusal)> LaunchAsync<T>(
        IncomingMessage message,
        Installation installation,
        string what,
        Func<CancellationToken, Task<T>> launch,
        Func<T, bool> started,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(started);
        var decision = await TryBeginAsync(message, installation, what, cancellationToken);
        if (!decision.IsAllowed)
        {
            return (default, decision.Refusal);
        }

        var launched = false;
        try
        {
            var result = await launch(cancellationToken);
            launched = started(result);
            return (result, null);
        }
        finally
        {
            if (!launched)
            {
                await ReleaseAsync(installation, decision, CancellationToken.None);
            }
        }
    }

    /// <summary>Gives the reservation back when nothing was launched after all, so a refused or failed launch costs nothing.</summary>
    public Task ReleaseAsync(Installation installation, LaunchDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        ArgumentNullException.ThrowIfNull(decision);
        return decision.IsAllowed
            ? counter.ReleaseAsync(installation.TenantId, installation.Key, decision.Day, cancellationToken)
            : Task.CompletedTask;
    }

    private async Task<string?> NotALeaderReplyAsync(IncomingMessage message, Installation installation, string what, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var leader in leaders.ListForTeamAsync(installation.TenantId, installation.Key, cancellationToken))
        {
            if (leader.Is(message.FromId, message.FromAadObjectId))
            {
                return null;
            }

            if (!string.IsNullOrWhiteSpace(leader.Name))
            {
                names.Add($"**{leader.Name}**");
            }
        }

        var whoToAsk = names.Count > 0
            ? $"This team's leaders are {string.Join(", ", names)}: ask one of them to start it, or to add you as a leader."
            : "Ask whoever added TrustBot to this team to start it, or to add you as a leader.";
        return $"Only a team's leaders can start {what}. {whoToAsk}";
    }
}
