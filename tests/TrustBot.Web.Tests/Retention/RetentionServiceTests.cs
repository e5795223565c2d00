using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Core.SpeakUp;
using TrustBot.Testing.Storage;
using TrustBot.Web.Hosting;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Retention;

/// <summary>The real host with a fake clock: an hour on, the retention loop sweeps, and takes the sweep's lease.</summary>
[Collection(BotHostGroup.Name)]
public sealed class RetentionServiceTests(BotHostFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task RetentionService_AfterOneSweepInterval_DeletesOldNotesAndErasesTeamsPastTheirGracePeriod()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = fixture.Settings(BotHostFixture.AppId);
        settings["Storage:TablePrefix"] = AzuriteFixture.NewTablePrefix();
        await using var factory = new BotApplicationFactory(settings, configureServices: services => services.AddSingleton<TimeProvider>(clock));
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
            Assert.True(DateTimeOffset.UtcNow < deadline, "The retention loop did not sweep within 15 s of an interval passing.");
            // The loop starts on its own thread, so the first advance may come before its timer exists: keep advancing.
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
        var lease = await services.GetRequiredService<ILeaseStore>().TryAcquireAsync(RetentionService.LeaseResource, "another-host", TimeSpan.FromMinutes(1), None);
        Assert.Null(lease);
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
