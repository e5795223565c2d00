using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.Delivery;
using TrustBot.Core.Scheduling;
using TrustBot.Protocol.Connector;
using TrustBot.Testing.Storage;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.SpeakUp;

/// <summary>
/// Two instances of the real host on one fake clock, sharing the fixture's Azurite (under their own table prefix), stub
/// Connector and OpenID server: the shape of a scaled-out service. Activities go to either instance over HTTP, and
/// the scheduler and outbox can be stepped on both at once.
/// </summary>
internal sealed class NoteReleaseHosts : IAsyncDisposable
{
    private readonly BotHostFixture _fixture;
    private readonly List<(BotApplicationFactory Factory, HttpClient Client)> _hosts = [];

    public NoteReleaseHosts(BotHostFixture fixture, IReadOnlyDictionary<string, string?> extra)
    {
        _fixture = fixture;
        var settings = fixture.Settings(BotHostFixture.AppId);
        settings["Storage:TablePrefix"] = TablePrefix;
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        for (var i = 0; i < 2; i++)
        {
            var factory = new BotApplicationFactory(settings, configureServices: services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                // StepAsync drains the outbox itself.
                BotApplicationFactory.WithoutOutboxLoop(services);
                // Paced per instance: shared slots are booked ahead on the clock, which here moves only when a step
                // says so, and these tests are about what notes show, not about pacing (ScaleOutPacingTests are).
                services.Remove(services.Single(d => d.ServiceType == typeof(IConnectorSendBudget)));
            });
            factory.UseKestrel(0);
            factory.StartServer();
            _hosts.Add((factory, factory.CreateClient()));
        }
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public string TablePrefix { get; } = AzuriteFixture.NewTablePrefix();

    /// <summary>One of the hosts' tables, read directly as a storage reader would.</summary>
    public TableClient Table(string name) => new TableServiceClient(_fixture.Azurite.ConnectionString).GetTableClient(TablePrefix + name);

    public IServiceProvider Services(int host) => _hosts[host].Factory.Services;

    /// <summary>Posts an activity to instance <paramref name="host"/> with a valid channel token.</summary>
    public async Task<HttpResponseMessage> PostAsync(int host, JsonNode activity)
    {
        // Valid by the wall clock and by the hosts' fake one, which the token validation reads.
        var (real, fake) = (DateTimeOffset.UtcNow, Clock.GetUtcNow());
        var token = _fixture.Issuer.CreateToken(
            BotHostFixture.AppId,
            activity["serviceUrl"]?.GetValue<string>() ?? _fixture.ServiceUrl,
            notBefore: (real < fake ? real : fake).AddMinutes(-5),
            expires: (real > fake ? real : fake).AddHours(1));
        return await BotHostFixture.PostRawAsync(_hosts[host].Client, activity.ToJsonString(), token);
    }

    /// <summary>Runs a scheduler tick on both instances at once, then drains the outbox on both until it is empty.</summary>
    public async Task StepAsync()
    {
        await Task.WhenAll(_hosts.Select(h => h.Factory.Services.GetRequiredService<SchedulerTick>().RunDueAsync(CancellationToken.None)));
        await DrainOutboxAsync();
    }

    /// <summary>Drains the outbox on both instances until it is empty (replies to messages travel through it too).</summary>
    public async Task DrainOutboxAsync()
    {
        int received;
        do
        {
            received = (await Task.WhenAll(_hosts.Select(h => h.Factory.Services.GetRequiredService<OutboxWorker>().DrainOnceAsync(CancellationToken.None)))).Sum();
        }
        while (received > 0);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (factory, client) in _hosts)
        {
            client.Dispose();
            await factory.DisposeAsync();
        }
    }
}
