using System.Runtime.CompilerServices;

namespace TrustBot.Web.Tests.Telemetry;

internal static class AzureActivitySourceSwitch
{
    // Azure.Core reads this switch once per process; the distro sets it in production before any client exists, so
    // the tests set it before any test creates a storage client, or the session test would see no Azure SDK spans.
#pragma warning disable CA2255 // A test assembly is the process's entry point for this purpose.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Enable() => AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
}
