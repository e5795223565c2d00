using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Core.Retention;
using TrustBot.Core.Scheduling;
using TrustBot.Core.SpeakUp;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Retention;

/// <summary>
/// The real host with a fake clock: the retention sweep is a service-wide timetable job, seeded at start an interval
/// on; an hour on it sweeps, and its entry moves an interval on so that no instance sweeps again before then.
/// </summary>
[Collection(BotHostGroup.Name)]
public sealed class RetentionJobTests(BotHostFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task RetentionJob_AfterOneSweepInterval_DeletesOldNotesAndErasesTeamsPastTheirGracePeriod()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = fixture.HostOnClock(clock);
        var services = factory.Services;
        var tenantId = Guid.NewGuid().ToString();
        var now = clock.GetUtcNow();
        var installations = services.GetRequiredService<IInstallationStore>();
        await installations.ActivateAsync(Team(tenantId, "19:gone@thread.tacv2", now), None);
        await installations.MarkRemovedAsync(tenantId, "19:gone@thread.tacv2", now - TimeSpan.FromDays(31), None);
        await installations.ActivateAsync(Team(tenantId, "19:kept@thread.tacv2", now), None);
        await installations.MarkRemovedAsync(tenantId, "19:kept@thread.tacv2", now - TimeSpan.FromDays(29), None);
        var speakUp = services.GetRequiredService<ISpeakUpStore>();
        await speakUp.SaveNoteAsync(new Note(tenantId, "19:kept@thread.tacv2", "s1", "old", "text", now - TimeSpan.FromDays(181)), None);
        await speakUp.SaveNoteAsync(new Note(tenantId, "19:kept@thread.tacv2", "s1", "young", "text", now - TimeSpan.FromDays(1)), None);

        // Nothing happens before the first interval has passed.
        await Task.Delay(300);
        Assert.NotNull(await installations.GetAsync(tenantId, "19:gone@thread.tacv2", None));

        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(15);
        while (await installations.GetAsync(tenantId, "19:gone@thread.tacv2", None) is not null)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The retention job did not sweep within 15 s of an interval passing.");
            // The scheduler starts on its own thread, so the first advance may come before its timer exists: keep advancing.
            clock.Advance(TimeSpan.FromHours(1));
            await Task.Delay(100);
        }

        Assert.NotNull(await installations.GetAsync(tenantId, "19:kept@thread.tacv2", None));
        var notes = new List<string>();
        await foreach (var note in speakUp.ListNotesAsync(tenantId, "s1", None))
        {
            notes.Add(note.NoteId);
        }

        Assert.Equal(["young"], notes);
        // The entry moved on by an interval once the sweep was done, so every instance's ticks leave it alone until then.
        var timetable = services.GetRequiredService<ITimetable>();
        var deadline2 = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(15);
        TimetableEntry? entry;
        while ((entry = await timetable.GetAsync(ServiceWide.TenantId, ServiceWide.InstallationKey, RetentionSweepJob.JobKind, None)) is null
            || entry.DueAt <= clock.GetUtcNow())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline2, "The retention job's entry did not move on after the sweep.");
            await Task.Delay(100);
        }

        Assert.True(entry.DueAt > clock.GetUtcNow() + TimeSpan.FromMinutes(50), $"The next sweep is due at {entry.DueAt}, less than an interval on.");
    }

    internal static Installation Team(string tenantId, string teamKey, DateTimeOffset now) => new()
    {
        TenantId = tenantId,
        Key = teamKey,
        Kind = ConversationKind.Channel,
        ServiceUrl = "http://127.0.0.1/",
        ConversationId = teamKey,
        TeamId = teamKey,
        ChannelId = teamKey,
        BotId = BotHostFixture.BotId,
        InstalledAt = now,
        UpdatedAt = now,
    };
}
