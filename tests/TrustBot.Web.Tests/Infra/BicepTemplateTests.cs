using System.Text.Json.Nodes;

namespace TrustBot.Web.Tests.Infra;

/// <summary>
/// infra/ must compile and lint clean (warnings count as failures), and the compiled template must keep the
/// deployment's promises: HTTPS only, a managed-identity bot, keyless storage and no secret in any file.
/// </summary>
public sealed class BicepTemplateTests
{
    private const string Template = "infra/main.bicep";
    private const string Parameters = "infra/main.bicepparam";

    private static readonly Lazy<Task<BicepRun>> Build = new(() => BicepCli.RunAsync("build", Template, "--stdout"));
    private static readonly Lazy<Task<JsonObject>> CompiledTemplate = new(CompileAsync);

    [Theory]
    [InlineData(Template)]
    [InlineData(Parameters)]
    public async Task Lint_InfraFile_ReportsNoDiagnostics(string file)
    {
        var run = await BicepCli.RunAsync("lint", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(BicepCli.Diagnostics(run));
    }

    [Fact]
    public async Task Build_MainTemplate_CompilesWithoutDiagnostics()
    {
        var run = await Build.Value;

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(BicepCli.Diagnostics(run));
        Assert.Equal("2019-04-01", SchemaVersion(JsonNode.Parse(run.StandardOutput)!));
    }

    [Fact]
    public async Task BuildParams_ParameterFile_CompilesAndSetsNoSecret()
    {
        var run = await BicepCli.RunAsync("build-params", Parameters, "--stdout");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(BicepCli.Diagnostics(run));
        var parameterFile = JsonNode.Parse(run.StandardOutput)!["parametersJson"]!.GetValue<string>();
        var values = JsonNode.Parse(parameterFile)!["parameters"]!.AsObject();
        Assert.Contains("namePrefix", values.Select(p => p.Key));
        var template = await CompiledTemplate.Value;
        var secureParameters = template["parameters"]!.AsObject()
            .Where(p => p.Value!["type"]!.GetValue<string>() is "securestring" or "secureObject")
            .Select(p => p.Key)
            .ToList();
        Assert.NotEmpty(secureParameters);
        Assert.DoesNotContain(values, p => secureParameters.Contains(p.Key));
    }

    [Fact]
    public async Task SecureParameters_DefaultToFreshGuidsOnly()
    {
        var template = await CompiledTemplate.Value;

        var secure = template["parameters"]!.AsObject()
            .Where(p => p.Value!["type"]!.GetValue<string>() == "securestring")
            .ToList();

        Assert.NotEmpty(secure);
        Assert.All(secure, p => Assert.Equal("[newGuid()]", p.Value!["defaultValue"]?.GetValue<string>()));
    }

    [Fact]
    public async Task WebApp_IsHttpsOnlyOnDotnet10WithTheUserAssignedIdentity()
    {
        var site = Single(await CompiledTemplate.Value, "Microsoft.Web/sites");
        var properties = site["properties"]!;
        var config = properties["siteConfig"]!;

        Assert.True(properties["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("1.2", config["minTlsVersion"]!.GetValue<string>());
        Assert.Equal("Disabled", config["ftpsState"]!.GetValue<string>());
        Assert.Equal("DOTNETCORE|10.0", config["linuxFxVersion"]!.GetValue<string>());
        Assert.Equal("UserAssigned", site["identity"]!["type"]!.GetValue<string>());
        Assert.Contains("userAssignedIdentities", properties["keyVaultReferenceIdentity"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bot_IsAUserAssignedManagedIdentityBotWithTheTeamsChannel()
    {
        var template = await CompiledTemplate.Value;
        var bot = Single(template, "Microsoft.BotService/botServices")["properties"]!;
        var channel = Single(template, "Microsoft.BotService/botServices/channels")["properties"]!;

        Assert.Equal("UserAssignedMSI", bot["msaAppType"]!.GetValue<string>());
        Assert.Contains("userAssignedIdentities", bot["msaAppMSIResourceId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("clientId", bot["msaAppId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("https://{0}/api/messages", bot["endpoint"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("MsTeamsChannel", channel["channelName"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("MicrosoftAppType", "UserAssignedMSI")]
    [InlineData("MicrosoftAppId", "clientId")]
    [InlineData("MicrosoftAppTenantId", "tenant()")]
    [InlineData("Storage__AccountName", "storageAccountName")]
    [InlineData("AZURE_CLIENT_ID", "clientId")]
    [InlineData("Anonymity__Secret", "@Microsoft.KeyVault(")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING", "ConnectionString")]
    [InlineData("ASPNETCORE_ENVIRONMENT", "Production")]
    public async Task AppSettings_UseTheConfigurationContract(string name, string expectedInValue)
    {
        var settings = AppSettings(await CompiledTemplate.Value);

        Assert.True(settings.TryGetValue(name, out var value), $"No app setting '{name}'.");
        Assert.Contains(expectedInValue, value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppSettings_KeepTheAppServiceTelemetryAgentOff()
    {
        var settings = AppSettings(await CompiledTemplate.Value);

        // The agent exports URLs unredacted; telemetry goes only through the app's own redacting distro.
        Assert.Equal("disabled", settings.GetValueOrDefault("ApplicationInsightsAgent_EXTENSION_VERSION", "disabled"));
        Assert.Equal("disabled", settings.GetValueOrDefault("XDT_MicrosoftApplicationInsights_Mode", "disabled"));
        Assert.DoesNotContain(settings.Keys, k => k.StartsWith("APPINSIGHTS_", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("DiagnosticServices_", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("InstrumentationEngine_", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("SnapshotDebugger_", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AppSettings_CarryNoStorageKeyOrConnectionString()
    {
        var settings = AppSettings(await CompiledTemplate.Value);

        Assert.NotEmpty(settings);
        Assert.DoesNotContain(settings, s => s.Key.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase)
            && s.Key.StartsWith("Storage", StringComparison.OrdinalIgnoreCase));
        Assert.All(settings.Values, value =>
        {
            Assert.DoesNotContain("AccountKey", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("DefaultEndpointsProtocol", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("listKeys", value, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task Storage_AllowsOnlyEntraIdOverTls12()
    {
        var storage = Single(await CompiledTemplate.Value, "Microsoft.Storage/storageAccounts")["properties"]!;

        Assert.False(storage["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.True(storage["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", storage["minimumTlsVersion"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3")] // Storage Table Data Contributor
    [InlineData("974c5e8b-45b9-4653-ba55-5f855dd0fb88")] // Storage Queue Data Contributor
    [InlineData("4633458b-17de-408a-b874-0445c86b69e6")] // Key Vault Secrets User
    public async Task Identity_IsGrantedTheDataRole(string roleDefinitionId)
    {
        var template = await CompiledTemplate.Value;
        // The id may be inline or held in a template variable.
        var names = template["variables"]!.AsObject()
            .Where(v => v.Value is JsonValue value && value.TryGetValue<string>(out var text) && text == roleDefinitionId)
            .Select(v => $"variables('{v.Key}')")
            .Append(roleDefinitionId)
            .ToList();

        var assignments = Resources(template, "Microsoft.Authorization/roleAssignments")
            .Select(r => r["properties"]!)
            .Where(p => names.Exists(n => p["roleDefinitionId"]!.GetValue<string>().Contains(n, StringComparison.Ordinal)))
            .ToList();

        var assignment = Assert.Single(assignments);
        Assert.Contains("userAssignedIdentities", assignment["principalId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("ServicePrincipal", assignment["principalType"]!.GetValue<string>());
    }

    [Fact]
    public async Task KeyVault_UsesRbacAndWritesTheSecretOnlyWhenAsked()
    {
        var template = await CompiledTemplate.Value;
        var vault = Single(template, "Microsoft.KeyVault/vaults")["properties"]!;
        var secret = Single(template, "Microsoft.KeyVault/vaults/secrets");

        Assert.True(vault["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.Equal("[parameters('createAnonymitySecret')]", secret["condition"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("messagingEndpoint")]
    [InlineData("botAppId")]
    [InlineData("webAppName")]
    public async Task Outputs_IncludeWhatTheTeamsAppNeeds(string output)
    {
        var outputs = (await CompiledTemplate.Value)["outputs"]!.AsObject();

        Assert.True(outputs.ContainsKey(output), $"No output '{output}'.");
        Assert.Equal("string", outputs[output]!["type"]!.GetValue<string>());
    }

    private static async Task<JsonObject> CompileAsync()
    {
        var run = await Build.Value;
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonNode.Parse(run.StandardOutput)!.AsObject();
    }

    private static string SchemaVersion(JsonNode template) =>
        template["$schema"]!.GetValue<string>().Split('/')[^2];

    private static IEnumerable<JsonNode> Resources(JsonObject template, string type) =>
        template["resources"]!.AsArray()
            .Select(r => r!)
            .Where(r => r["type"]!.GetValue<string>() == type);

    private static JsonNode Single(JsonObject template, string type) => Assert.Single(Resources(template, type));

    private static Dictionary<string, string> AppSettings(JsonObject template) =>
        Single(template, "Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["value"]!.GetValue<string>());
}
