using Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using TrustBot.Web.Telemetry;

namespace TrustBot.Web.Tests.Telemetry;

public sealed class LogRedactionProcessorTests
{
    [Fact]
    public void ExportedRecord_LosesIdentifierShapedTextAndExceptionMessages()
    {
        var exported = new ExportedCollection<LogRecord>();
        var services = new ServiceCollection();
        services.AddRedactedTelemetry().WithLogging(logging => logging.AddInMemoryExporter(exported));
        using (var provider = services.BuildServiceProvider())
        {
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("TrustBot.Test");
            var failure = new RequestFailedException(404, "GET /Ballots(PartitionKey='t',RowKey='p-0123456789abcdef0123456789abcdef') failed");
#pragma warning disable CA1848, CA2254 // A deliberately unruly log call: the processor must hold even when the rules are broken.
            logger.LogWarning(failure, "Key {Key} of {Tenant} in 19:abc@thread.tacv2 with p-0123456789abcdef0123456789abcdef for 29:1user", "a:1chat|29:1user", Guid.Parse("e3b0c442-98fc-4c14-9afb-f4c8996fb924"));
#pragma warning restore CA1848, CA2254
        }

        var record = Assert.Single(exported);
        Assert.Equal("Key {redacted}|{redacted} of {redacted} in {redacted} with p-{redacted} for {redacted}", record.FormattedMessage);
        Assert.DoesNotContain(record.Attributes!, a => a.Key != "{OriginalFormat}" && (a.Value?.ToString() ?? string.Empty).Contains(':', StringComparison.Ordinal));
        var exception = Assert.IsType<RedactedException>(record.Exception);
        Assert.Equal(typeof(RequestFailedException).FullName, exception.Message);
    }
}
