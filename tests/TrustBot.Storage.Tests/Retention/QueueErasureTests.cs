using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TrustBot.Core.Delivery;
using TrustBot.Core.SpeakUp;
using TrustBot.Storage.Delivery;
using TrustBot.Storage.SpeakUp;

namespace TrustBot.Storage.Tests.Retention;

/// <summary>Erasing a team leaves none of its messages in any queue, and every other team's messages as they were.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class QueueErasureTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string TenantA = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string TenantB = "0c3a1e55-4b7d-4f4e-9d0a-5b6c7d8e9f10";
    private const string TeamA = "19:erased@thread.tacv2";
    private const string TeamB = "19:staying@thread.tacv2";
    private static readonly CancellationToken None = CancellationToken.None;

    private RetentionTestStorage _storage = null!;

    private List<QueueClient> Queues =>
        [.. _storage.Get<NoteQueues>().All, _storage.Get<OutboxQueue>().Client];

    public async Task InitializeAsync()
    {
        _storage = await RetentionTestStorage.CreateAsync(azurite);
        foreach (var queue in Queues)
        {
            await queue.CreateIfNotExistsAsync();
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var queue in Queues)
        {
            await queue.DeleteIfExistsAsync();
        }

        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task Sweep_ErasedTeam_LeavesNoneOfItsMessagesInAnyQueueAndTheOtherTeamsIntact()
    {
        await _storage.SeedTeamAsync(TenantA, TeamA);
        await _storage.SeedTeamAsync(TenantB, TeamB);
        await _storage.Installations.MarkRemovedAsync(TenantA, TeamA, _storage.Clock.GetUtcNow() - TimeSpan.FromDays(31), None);
        foreach (var (tenant, team) in new[] { (TenantA, TeamA), (TenantB, TeamB), (TenantA, TeamA) })
        {
            await QueueEverywhereAsync(tenant, team);
        }

        var result = await _storage.Sweep().RunAsync(None);

        Assert.Equal(1, result.TeamsErased);
        var left = await PeekAllAsync();
        Assert.DoesNotContain(left, m => m.Body.Contains(TenantA, StringComparison.Ordinal) || m.Body.Contains(TeamA, StringComparison.Ordinal));
        Assert.Equal(3, left.Count);
        Assert.All(left, m => Assert.Equal((TenantB, TeamB), TeamOf(m.Body)));
        // Visible to peek, so released at once rather than held for the purge's visibility timeout; received once.
        Assert.All(left, m => Assert.Equal(1, m.DequeueCount));
    }

    [Fact]
    public async Task Sweep_ErasedTeam_OtherTeamsMessagesAreStillProcessedAndALateNoteOfTheErasedTeamIsDropped()
    {
        await _storage.SeedTeamAsync(TenantA, TeamA);
        await _storage.SeedTeamAsync(TenantB, TeamB);
        await _storage.Installations.MarkRemovedAsync(TenantA, TeamA, _storage.Clock.GetUtcNow() - TimeSpan.FromDays(31), None);
        await QueueEverywhereAsync(TenantA, TeamA);
        await QueueEverywhereAsync(TenantB, TeamB);

        Assert.Equal(1, (await _storage.Sweep().RunAsync(None)).TeamsErased);
        // A note still in its random delay during the erasure cannot be reached by it; it shows up afterwards.
        await _storage.Get<INoteDispatcher>().DispatchAsync(new PendingNote(TenantA, TeamA, "s-late", "late-a", "Late words."), TimeSpan.Zero, None);
        var worker = _storage.Services.GetServices<IHostedService>().OfType<NoteIntakeWorker>().Single();

        Assert.Equal(1, await worker.DrainOnceAsync(None));

        Assert.Equal(["note-b"], (await _storage.Get<ISpeakUpStore>().ListNotesAsync(TenantB, "s-b", None).ToListAsync()).Select(n => n.NoteId));
        Assert.Empty(await _storage.Get<ISpeakUpStore>().ListNotesAsync(TenantA, "s-late", None).ToListAsync());
        Assert.Equal(0, (await _storage.Get<NoteQueues>().Main.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var sends = await _storage.Get<IOutbox>().ReceiveAsync(32, TimeSpan.FromSeconds(30), None);
        Assert.Equal([(TenantB, TeamB)], sends.Select(s => (s.Send.TenantId, s.Send.InstallationKey)));
    }

    [Fact]
    public async Task Enqueue_NoteAndSend_LiveAtMostADayAfterTheyFallDue()
    {
        await _storage.Get<INoteDispatcher>().DispatchAsync(new PendingNote(TenantB, TeamB, "s-b", "n", "Words."), TimeSpan.Zero, None);
        await _storage.Get<IOutbox>().EnqueueAsync(Send(TenantB, TeamB, "now"), null, None);

        var messages = await PeekAllAsync();

        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.True(m.ExpiresOn - m.InsertedOn <= TimeSpan.FromDays(1), $"lives {m.ExpiresOn - m.InsertedOn}"));
    }

    /// <summary>A note on the delay queue, one in the poison queue, a send in the outbox: what a team can have queued.</summary>
    private async Task QueueEverywhereAsync(string tenant, string team)
    {
        var suffix = tenant == TenantA ? "a" : "b";
        await _storage.Get<INoteDispatcher>().DispatchAsync(new PendingNote(tenant, team, "s-" + suffix, "note-" + suffix, "Words of " + suffix), TimeSpan.Zero, None);
        var poisoned = JsonSerializer.Serialize(new PendingNote(tenant, team, "s-" + suffix, "poison-" + suffix, "Unstored words"), SpeakUpQueueJsonContext.Default.PendingNote);
        await _storage.Get<NoteQueues>().Poison.SendMessageAsync(poisoned);
        await _storage.Get<IOutbox>().EnqueueAsync(Send(tenant, team, "send-" + suffix + Guid.NewGuid().ToString("N")), null, None);
    }

    private static OutboundSend Send(string tenant, string team, string key) =>
        new(key, OutboundKinds.Digest, tenant, team, "29:leader", "{}");

    private async Task<List<(string Body, long DequeueCount, DateTimeOffset ExpiresOn, DateTimeOffset InsertedOn)>> PeekAllAsync()
    {
        var all = new List<(string, long, DateTimeOffset, DateTimeOffset)>();
        foreach (var queue in Queues)
        {
            PeekedMessage[] peeked = await queue.PeekMessagesAsync(32);
            all.AddRange(peeked.Select(m => (m.Body.ToString(), m.DequeueCount, m.ExpiresOn!.Value, m.InsertedOn!.Value)));
        }

        return all;
    }

    private static (string Tenant, string Team) TeamOf(string body)
    {
        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("tenantId").GetString()!, json.RootElement.GetProperty("installationKey").GetString()!);
    }
}
