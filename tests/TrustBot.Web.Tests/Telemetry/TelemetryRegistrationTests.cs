using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using TrustBot.Web.Telemetry;

namespace TrustBot.Web.Tests.Telemetry;

public sealed class TelemetryRegistrationTests
{
    [Fact]
    public void WithoutAConnectionString_NothingIsExported()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        builder.AddTrustBotTelemetry();

        Assert.DoesNotContain(builder.Services, d => d.ServiceType == typeof(TracerProvider));
    }

    [Fact]
    public void WithAConnectionString_TheDistroExportsBehindTheRedaction()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration[TelemetryServiceCollectionExtensions.ConnectionStringKey] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/";

        builder.AddTrustBotTelemetry();

        Assert.Contains(builder.Services, d => d.ServiceType == typeof(TracerProvider));
        Assert.Contains(builder.Services, d => d.ImplementationType == typeof(ExceptionDetailSuppressor));
        Assert.Contains(builder.Services, d => d.ServiceType.FullName?.StartsWith("Azure.Monitor", StringComparison.Ordinal) == true
            || d.ImplementationType?.FullName?.StartsWith("Azure.Monitor", StringComparison.Ordinal) == true);
    }
}
