using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TrustBot.Testing.Storage;
using TrustBot.Web.Telemetry;
using TrustBot.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TrustBot.Web.Tests.Telemetry;

/// <summary>
/// A whole session through the real HTTP pipeline on a fake clock, against Azurite, with the production telemetry
/// pipeline (instrumentation and redaction) exporting to memory instead of Azure Monitor, and every log call of every
/// category captured at Trace: no conversation, user or Entra id, participation hash, table key or note text may
/// appear in any exported span, log record, scope or metric tag, nor in any log line at any level (but for the log
/// methods <see cref="LoggerMessageParameterTests"/> lists as awaiting a rewrite).
/// </summary>
[Collection(BotHostGroup.Name)]
public sealed partial class TelemetryRedactionTests(BotHostFixture fixture, ITestOutputHelper output)
{
    private const string Note = "Our retros skip the hard topics and nobody dares to say it";

    [Fact]
    public async Task FullSession_ExportsNoIdHashKeyOrNoteText()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var spans = new ExportedCollection<Activity>();
        var logs = new ExportedCollection<LogRecord>();
        var metrics = new ExportedCollection<MetricSnapshot>();
        var lines = new CapturingLoggerProvider();
        var settings = fixture.Settings(BotHostFixture.AppId);
        var prefix = AzuriteFixture.NewTablePrefix();
        settings["Storage:TablePrefix"] = prefix;
        settings["Logging:LogLevel:Default"] = "Trace";
        settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
        settings["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace";
        var factory = new BotApplicationFactory(settings, configureServices: services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddLogging(logging => logging.AddProvider(lines).AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace));
            // Production adds the Azure Monitor exporters after the same call; only the exporters differ here.
            services.AddRedactedTelemetry()
                .WithTracing(tracing => tracing.AddInMemoryExporter(spans))
                .WithMetrics(meters => meters.AddInMemoryExporter(metrics))
                .WithLogging(logging => logging.AddInMemoryExporter(logs));
        });
        var session = new TelemetrySession(fixture, factory, clock, prefix);
        // URLs and URL-shaped log text carry ids escaped ("19%3A…%40thread.tacv2"), so look for both spellings.
        var secrets = (await session.RunAsync(Note)).SelectMany(s => new[] { s, Uri.EscapeDataString(s) }).Distinct(StringComparer.Ordinal).ToList();
        await factory.DisposeAsync();

        var exported = spans.Snapshot().SelectMany(s => TelemetryText.Of(s).Select(t => ("span", t)))
            .Concat(logs.Snapshot().SelectMany(l => TelemetryText.Of(l).Select(t => ("log record", t))))
            .Concat(metrics.Snapshot().SelectMany(m => TelemetryText.Of(m).Select(t => ("metric", t))))
            .Concat(lines.Records.Snapshot().Select(r => ("log line", r.Text)))
            .ToList();
        output.WriteLine($"Scanned {spans.Count} spans, {logs.Count} exported log records, {metrics.Count} metric snapshots and {lines.Records.Count} log lines ({exported.Count} strings) for {secrets.Count} identifiers.");

        var leaks = exported
            .SelectMany(e => secrets.Where(s => e.Item2.Contains(s, StringComparison.OrdinalIgnoreCase)).Select(s => $"{e.Item1} carries {s}: {e.Item2}"))
            .Distinct()
            .ToList();
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks.Take(25)));

        // The scan must have had something to scan: Connector calls, storage calls, incoming turns and log records.
        var names = spans.Snapshot().Select(s => s.DisplayName).ToHashSet(StringComparer.Ordinal);
        output.WriteLine(string.Join(Environment.NewLine, names.Order(StringComparer.Ordinal)));
        Assert.Contains("POST /v3/conversations/{conversationId}/activities", names);
        Assert.Contains("POST /api/messages", names);
        Assert.Contains(spans.Snapshot(), s => s.Source.Name.StartsWith("Azure.", StringComparison.Ordinal));
        Assert.Contains(logs.Snapshot(), l => l.CategoryName?.StartsWith("TrustBot", StringComparison.Ordinal) == true);
        Assert.NotEmpty(metrics.Snapshot());
        Assert.Contains(secrets, s => ParticipationHash().IsMatch(s));
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex ParticipationHash();
}
