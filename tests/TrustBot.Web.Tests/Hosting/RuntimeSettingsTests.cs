using System.Text.Json.Nodes;

namespace TrustBot.Web.Tests.Hosting;

/// <summary>
/// The host's runtimeconfig.json keeps the runtime settings the memory benchmark chose (README "Memory and runtime
/// settings"): a build change that dropped one would cost megabytes without any test noticing otherwise. The build
/// copies the host's runtimeconfig.json beside this assembly.
/// </summary>
public sealed class RuntimeSettingsTests
{
    private static readonly Lazy<JsonObject> Properties = new(ReadProperties);

    [Fact]
    public void RuntimeConfig_CapsTheGen0BudgetAt4MiB()
    {
        Assert.Equal(4L * 1024 * 1024, Properties.Value["System.GC.Gen0MaxBudget"]?.GetValue<long>());
    }

    [Fact]
    public void RuntimeConfig_ServerGcWithDatas_TieredCompilationOff()
    {
        Assert.True(Properties.Value["System.GC.Server"]?.GetValue<bool>());
        Assert.Equal(1, Properties.Value["System.GC.DynamicAdaptationMode"]?.GetValue<int>());
        Assert.False(Properties.Value["System.Runtime.TieredCompilation"]?.GetValue<bool>());
    }

    [Fact]
    public void RuntimeConfig_KeepsCultureFormatting()
    {
        // Dates and numbers are formatted per culture; invariant mode would drop the culture data.
        Assert.False(Properties.Value["System.Globalization.Invariant"]?.GetValue<bool>());
    }

    private static JsonObject ReadProperties()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TrustBot.Web.runtimeconfig.json");
        var root = JsonNode.Parse(File.ReadAllText(path));
        return root?["runtimeOptions"]?["configProperties"]?.AsObject()
            ?? throw new InvalidOperationException($"{path} has no configProperties.");
    }
}
