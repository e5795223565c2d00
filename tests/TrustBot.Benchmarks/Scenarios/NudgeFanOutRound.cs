using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;
using TrustBot.Core.Nudges;
using TrustBot.Core.Scheduling;
using TrustBot.Testing.Connector;

namespace TrustBot.Benchmarks.Scenarios;

/// <summary>
/// One team with N leaders on a running bot host whose Connector is <paramref name="connector"/>: seeds them, makes
/// every leader's weekly nudge due at one instant, and reads back from the stand-in what the engine delivered.
/// </summary>
internal sealed class NudgeFanOutRound(IServiceProvider services, TeamsLimitedConnector connector, int count, bool chatsOpen)
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    private readonly string _tenantId = Guid.NewGuid().ToString();
    private readonly string _teamId = $"19:fanout{Guid.NewGuid():N}@thread.tacv2";
    private readonly string[] _userIds = Enumerable.Range(0, count)
        .Select(i => "29:fanout-" + i.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8])
        .ToArray();

    /// <summary>Connector requests the fan-out needs: per leader a send, and first a create when the chat is not open yet.</summary>
    public int RequestsNeeded => count * (chatsOpen ? 1 : 2);

    /// <summary>Installs the app in the team through the host's own handler, then stores the leaders.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var botId = "28:" + BenchmarkEnvironment.AppId;
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<InstallationHandler>().HandleAsync(new InstallationEvent
            {
                TenantId = _tenantId,
                Kind = ConversationKind.Channel,
                ConversationId = _teamId,
                TeamId = _teamId,
                TeamName = "Fan-out team",
                ChannelId = _teamId,
                ServiceUrl = connector.ServiceUrl,
                BotId = botId,
                Change = InstallationChange.Added,
            }, cancellationToken);
        }

        var leaders = services.GetRequiredService<ILeaderStore>();
        var now = Clock.GetUtcNow();
        await Parallel.ForEachAsync(_userIds, Writers(cancellationToken), async (userId, ct) => await leaders.AddAsync(new Leader
        {
            TenantId = _tenantId,
            TeamKey = _teamId,
            UserId = userId,
            ServiceUrl = connector.ServiceUrl,
            BotId = botId,
            ChatConversationId = chatsOpen ? TeamsLimitedConnector.PersonalConversationId(userId) : null,
            AddedAt = now,
        }, ct));
    }

    /// <summary>Puts every leader's nudge on the timetable, due at <paramref name="dueAt"/>; returns when all are written.</summary>
    public async Task<DateTimeOffset> ScheduleAsync(DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var timetable = services.GetRequiredService<ITimetable>();
        await Parallel.ForEachAsync(_userIds, Writers(cancellationToken), async (userId, ct) =>
            await timetable.SetAsync(new TimetableEntry(_tenantId, _teamId, JobNames.For(JobNames.Nudge, userId), dueAt), ct));
        return Clock.GetUtcNow();
    }

    /// <summary>
    /// Waits until the stand-in has delivered <c>count</c> more messages than <paramref name="baseline"/> (or the
    /// timeout passed), then for <paramref name="settle"/> so late duplicates show, and reads the figures.
    /// </summary>
    public async Task<FanOutFigures> MeasureAsync(
        DateTimeOffset dueAt, ConnectorCounts baseline, TimeSpan timeout, TimeSpan settle, CancellationToken cancellationToken)
    {
        var completed = true;
        try
        {
            await connector.WaitForDeliveredAsync(baseline.Delivered + count, timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            completed = false;
        }

        await Task.Delay(settle, Clock, cancellationToken);

        var firstNudges = new List<DateTimeOffset>(count);
        var duplicates = 0;
        foreach (var userId in _userIds)
        {
            var nudges = connector.DeliveredTo(TeamsLimitedConnector.PersonalConversationId(userId))
                .Where(d => d.Summary == NudgeCard.Summary)
                .ToList();
            duplicates += Math.Max(0, nudges.Count - 1);
            if (nudges.Count > 0)
            {
                firstNudges.Add(nudges.Min(d => d.ReceivedAt));
            }
        }

        var losses = count - firstNudges.Count;
        var deadLetters = await services.GetRequiredService<IDeadLetterLog>().CountSinceAsync(dueAt, cancellationToken);
        var now = ConnectorCounts.Of(connector);
        return new FanOutFigures(
            count,
            RequestsNeeded,
            completed && losses == 0 ? firstNudges.Max() - dueAt : null,
            firstNudges.Count > 0 ? firstNudges.Min() - dueAt : null,
            duplicates,
            losses,
            now.Throttled - baseline.Throttled,
            now.Requests - baseline.Requests,
            deadLetters,
            connector.Throttled.Skip(baseline.Throttled).Take(5).Select(t => string.Create(CultureInfo.InvariantCulture,
                $"{(t.ReceivedAt - dueAt).TotalSeconds:0.00} s ({(t.PerApp ? "app" : "thread")} {t.Window.Limit}/{t.Window.Window.TotalSeconds:0.###} s, {t.Wait.TotalMilliseconds:0} ms short)")).ToList());
    }

    private static ParallelOptions Writers(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken };
}
