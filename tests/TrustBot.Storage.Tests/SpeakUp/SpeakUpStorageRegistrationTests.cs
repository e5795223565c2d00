using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Installations;
using TrustBot.Core.SpeakUp;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.SpeakUp;
using TrustBot.Storage.Tables;
using TrustBot.Storage.Tests.Installations;
using TrustBot.Testing.Storage;

namespace TrustBot.Storage.Tests.SpeakUp;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class SpeakUpStorageRegistrationTests(AzuriteServer azurite)
{
    [Fact]
    public async Task AddSpeakUpStorage_HostStarted_CreatesTablesAndQueuesAndCarriesANoteThroughTheQueue()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        using var host = BuildHost(new()
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = prefix,
            ["SpeakUp:Intake:PollInterval"] = "00:00:00.100",
        });

        await host.StartAsync();
        var queues = host.Services.GetRequiredService<NoteQueues>();
        try
        {
            Assert.IsType<TableSpeakUpStore>(host.Services.GetRequiredService<ISpeakUpStore>());
            Assert.IsType<QueueNoteDispatcher>(host.Services.GetRequiredService<INoteDispatcher>());
            Assert.Contains(host.Services.GetServices<IHostedService>(), service => service is NoteIntakeWorker);
            Assert.Equal(prefix + "speakup-notes", queues.Main.Name);
            Assert.Equal(prefix + "speakup-notes-poison", queues.Poison.Name);
            foreach (var queue in queues.All)
            {
                Assert.True(await queue.ExistsAsync());
            }

            var tables = host.Services.GetRequiredService<TableServiceClient>();
            foreach (var name in new[] { TableNames.SpeakUpSessions, TableNames.SpeakUpSalts, TableNames.Notes })
            {
                var found = tables.QueryAsync(TableClient.CreateQueryFilter($"TableName eq {prefix + name}"));
                Assert.True(await AnyAsync(found), $"table {name} was not created");
            }

            // The worker stores only notes of teams that still exist (an erased team's late note is dropped).
            var team = SampleInstallations.Channel("tenant", "19:team@thread.tacv2", TimeProvider.System.GetUtcNow());
            await host.Services.GetRequiredService<IInstallationStore>().ActivateAsync(team, CancellationToken.None);
            var note = new PendingNote("tenant", "19:team@thread.tacv2", "s-1", Guid.NewGuid().ToString("N"), "Hosted end to end.");
            await host.Services.GetRequiredService<INoteDispatcher>().DispatchAsync(note, TimeSpan.Zero, CancellationToken.None);
            var store = host.Services.GetRequiredService<ISpeakUpStore>();
            var deadline = TimeProvider.System.GetUtcNow().AddSeconds(15);
            while (!await AnyAsync(store.ListNotesAsync("tenant", "s-1", CancellationToken.None)))
            {
                Assert.True(TimeProvider.System.GetUtcNow() < deadline, "the hosted worker did not store the note");
                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
            }
        }
        finally
        {
            await host.StopAsync();
            foreach (var queue in queues.All)
            {
                await queue.DeleteIfExistsAsync();
            }

            var tables = host.Services.GetRequiredService<TableServiceClient>();
            foreach (var name in TableNames.All)
            {
                await tables.DeleteTableAsync(prefix + name);
            }
        }
    }

    [Fact]
    public void AddSpeakUpStorage_IntakeSection_BindsTheOptions()
    {
        using var host = BuildHost(new()
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["SpeakUp:Intake:PollInterval"] = "00:00:02",
            ["SpeakUp:Intake:BatchSize"] = "8",
            ["SpeakUp:Intake:VisibilityTimeout"] = "00:02:00",
            ["SpeakUp:Intake:MaxDequeueCount"] = "3",
        });

        var options = host.Services.GetRequiredService<IOptions<NoteIntakeOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(2), options.PollInterval);
        Assert.Equal(8, options.BatchSize);
        Assert.Equal(TimeSpan.FromMinutes(2), options.VisibilityTimeout);
        Assert.Equal(3, options.MaxDequeueCount);
    }

    [Fact]
    public async Task AddSpeakUpStorage_InvalidIntakeSettings_FailsStartNamingTheSetting()
    {
        using var host = BuildHost(new()
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["SpeakUp:Intake:BatchSize"] = "64",
        });

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("SpeakUp:Intake:BatchSize", exception.Message, StringComparison.Ordinal);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.None));
        builder.AddTrustBotStorage();
        builder.Services.AddSpeakUpStorage();
        return builder.Build();
    }

    private static async Task<bool> AnyAsync<T>(IAsyncEnumerable<T> items)
    {
        await foreach (var _ in items)
        {
            return true;
        }

        return false;
    }
}
