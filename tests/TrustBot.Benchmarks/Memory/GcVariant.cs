namespace TrustBot.Benchmarks.Memory;

/// <summary>
/// A set of runtime settings the child host runs with, as environment variables (<c>DOTNET_</c> ones win over the
/// host's runtimeconfig.json) and, for AppContext switches, which only runtimeconfig.json can set, as properties that a
/// copy of it gets (<see cref="RuntimeConfig"/>). <c>shipped</c> sets none: the settings TrustBot.Web.csproj and infra/ choose. The
/// <c>shipped-…</c> ones change what they name in those. The others start from the runtime's defaults (tiered
/// compilation on, no gen0 budget cap) and differ from them in what they name.
/// </summary>
internal sealed record GcVariant(string Name, string Description, IReadOnlyDictionary<string, string> Environment)
{
    private const string DisableDynamicEngine = "Microsoft.Extensions.DependencyInjection.DisableDynamicEngine";
    private const string ForceInterpretedInvoke = "Switch.System.Reflection.ForceInterpretedInvoke";

    // A cap of 0 is read as none, so the runtime's own budget applies although runtimeconfig names one.
    private static readonly Dictionary<string, string> RuntimeDefaults = new() { ["DOTNET_TieredCompilation"] = "1", ["DOTNET_GCGen0MaxBudget"] = "0" };
    private static readonly Dictionary<string, string> Workstation = With(RuntimeDefaults, ("DOTNET_gcServer", "0"), ("DOTNET_gcConcurrent", "1"));

    public static IReadOnlyList<GcVariant> All { get; } =
    [
        new("shipped", "as published: TrustBot.Web.csproj's runtimeconfig and infra/'s app settings", ShippedAppSettings()),
        // A B1 plan has one core, and with one CPU the runtime runs workstation GC whatever the settings ask for.
        new("shipped-1cpu", "as published, seeing one CPU as on a B1 plan", With(ShippedAppSettings(), ("DOTNET_PROCESSOR_COUNT", "1"))),
        new("shipped-no-gen0-cap", "as published but without the largest gen0 budget (the settings of 2026-12-02)", With(ShippedAppSettings(), ("DOTNET_GCGen0MaxBudget", "0"))),
        new("shipped-no-gen0-cap-1cpu", "as published but without the largest gen0 budget, seeing one CPU", With(ShippedAppSettings(), ("DOTNET_GCGen0MaxBudget", "0"), ("DOTNET_PROCESSOR_COUNT", "1"))),
        new("shipped-gen0max-2mb", "as published with a 2 MiB largest gen0 budget instead of 4", With(ShippedAppSettings(), ("DOTNET_GCGen0MaxBudget", "0x200000"))),
        new("shipped-workstation", "as published but workstation GC (concurrent)", With(ShippedAppSettings(), ("DOTNET_gcServer", "0"), ("DOTNET_gcConcurrent", "1"))),
        new("shipped-no-emit", "as published + DI and reflection without emitted code (DisableDynamicEngine, ForceInterpretedInvoke)", ShippedAppSettings())
        {
            RuntimeConfig = new Dictionary<string, bool> { [DisableDynamicEngine] = true, [ForceInterpretedInvoke] = true },
        },
        new("shipped-malloc-arenas-2", "as published + glibc malloc limited to 2 arenas (MALLOC_ARENA_MAX)", With(ShippedAppSettings(), ("MALLOC_ARENA_MAX", "2"))),
        new("server", "Server GC (DATAS on, the .NET 10 default for Server GC)", With(RuntimeDefaults, ("DOTNET_gcServer", "1"))),
        new("server-no-datas", "Server GC without DATAS", With(RuntimeDefaults, ("DOTNET_gcServer", "1"), ("DOTNET_GCDynamicAdaptationMode", "0"))),
        new("workstation", "workstation GC, concurrent", Workstation),
        new("workstation-nonconcurrent", "workstation GC, not concurrent", With(Workstation, ("DOTNET_gcConcurrent", "0"))),
        new("conserve", "workstation GC + GCConserveMemory=5", With(Workstation, ("DOTNET_GCConserveMemory", "5"))),
        new("wx-off", "workstation GC + W^X off", With(Workstation, ("DOTNET_EnableWriteXorExecute", "0"))),
        new("heap-limit", "workstation GC + GCHeapHardLimit 96 MiB", With(Workstation, ("DOTNET_GCHeapHardLimit", "0x6000000"))),
        new("gen0-4mb", "workstation GC + a 4 MiB gen0 budget (GCgen0size)", With(Workstation, ("DOTNET_GCgen0size", "0x400000"))),
        new("no-tiered-pgo", "workstation GC + W^X off + TieredPGO off", With(Workstation, ("DOTNET_EnableWriteXorExecute", "0"), ("DOTNET_TieredPGO", "0"))),
        new("tc-off", "workstation GC + W^X off + TieredCompilation off", With(Workstation, ("DOTNET_EnableWriteXorExecute", "0"), ("DOTNET_TieredCompilation", "0"))),
    ];

    /// <summary>runtimeconfig.json properties set on top of the host's own; none for most variants.</summary>
    public IReadOnlyDictionary<string, bool> RuntimeConfig { get; init; } = new Dictionary<string, bool>();

    /// <summary>The variant named <paramref name="name"/>, or all of them for <c>all</c>.</summary>
    public static IReadOnlyList<GcVariant>? Select(string name) =>
        name == "all" ? All : All.FirstOrDefault(v => v.Name == name) is { } one ? [one] : null;

    /// <summary>A line such as <c>DOTNET_gcServer=0 DOTNET_gcConcurrent=1</c>, or <c>(none)</c>.</summary>
    public string EnvironmentText => Environment.Count + RuntimeConfig.Count == 0
        ? "(none)"
        : string.Join(' ', Environment.Select(e => $"{e.Key}={e.Value}").Concat(RuntimeConfig.Select(p => $"runtimeconfig {p.Key}={p.Value}")));

    // The environment-only runtime settings infra/main.bicep gives the web app (none: W^X stays on, see there); the
    // runtimeconfig ones come with the build.
    private static Dictionary<string, string> ShippedAppSettings() => [];

    private static Dictionary<string, string> With(Dictionary<string, string> baseline, params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>(baseline);
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }

        return environment;
    }
}
