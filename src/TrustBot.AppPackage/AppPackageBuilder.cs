using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TrustBot.AppPackage;

/// <summary>
/// Fills the manifest template from <see cref="AppPackageOptions"/>, checks the result and the icons' PNG headers, and
/// writes the app package zip (manifest.json and both icon files, byte for byte, at the root). Every failure is a <see cref="ManifestBuildException"/>.
/// </summary>
public static partial class AppPackageBuilder
{
    /// <summary>The manifest schema version the template targets (the newest generally available one).</summary>
    public const string ManifestVersion = "1.30";

    /// <summary>The schema URL that belongs to <see cref="ManifestVersion"/>.</summary>
    public const string SchemaUrl = "https://developer.microsoft.com/json-schemas/teams/v" + ManifestVersion + "/MicrosoftTeams.schema.json";

    /// <summary>The manifest's name inside the zip; Teams requires exactly this.</summary>
    public const string ManifestEntryName = "manifest.json";

    /// <summary>The project colour: the manifest's <c>accentColor</c> and the background of the committed colour icon.</summary>
    public const string AccentColor = "#1F7A8C";

    /// <summary>Side of the colour icon Teams asks for.</summary>
    public const int ColorIconSize = 192;

    /// <summary>Side of the outline icon Teams asks for.</summary>
    public const int OutlineIconSize = 32;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // Zip entries get a fixed time so two builds from the same inputs give the same bytes.
    private static readonly DateTimeOffset EntryTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Builds the package and returns the manifest that went into it.</summary>
    public static JsonObject Build(AppPackageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var values = CheckOptions(options);
        var manifest = Fill(LoadTemplate(options.TemplatePath), values);
        CheckManifest(manifest, values["BOT_ID"], values["APP_ID"]);
        var icons = LoadIcons(manifest, options.IconDirectory);
        WriteZip(options.OutputPath, manifest, icons);
        return manifest;
    }

    private static Dictionary<string, string> CheckOptions(AppPackageOptions o)
    {
        var botId = Guid(o.BotId, "--bot-id", "the bot's Microsoft App ID");
        var appId = string.IsNullOrWhiteSpace(o.AppId) ? botId : Guid(o.AppId, "--app-id", "the Teams app id");
        var domain = Domain(o.Domain);
        if (!VersionPattern().IsMatch(o.Version))
        {
            throw new ManifestBuildException($"--version '{o.Version}' must be major.minor.patch, for example 1.0.0.");
        }

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["BOT_ID"] = botId,
            ["APP_ID"] = appId,
            ["VALID_DOMAIN"] = domain,
            ["VERSION"] = o.Version,
            ["SHORT_NAME"] = Text(o.ShortName, "--name", 30),
            ["FULL_NAME"] = Text(o.FullName, "--full-name", 100),
            ["SHORT_DESCRIPTION"] = Text(o.ShortDescription, "--description", 80),
            ["FULL_DESCRIPTION"] = Text(o.FullDescription, "--full-description", 4000),
            ["DEVELOPER_NAME"] = Text(o.DeveloperName, "--developer", 32),
            ["WEBSITE_URL"] = Https(o.WebsiteUrl ?? $"https://{domain}/", "--website"),
            ["PRIVACY_URL"] = Https(o.PrivacyUrl ?? $"https://{domain}/privacy", "--privacy"),
            ["TERMS_URL"] = Https(o.TermsUrl ?? $"https://{domain}/terms", "--terms"),
            ["ACCENT_COLOR"] = AccentColor,
        };
    }

    private static string Guid(string? value, string option, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ManifestBuildException($"Missing {option}: pass {what} (a GUID).");
        }

        return System.Guid.TryParseExact(value.Trim(), "D", out var id)
            ? id.ToString("D")
            : throw new ManifestBuildException($"{option} '{value}' is not a GUID like 00000000-0000-0000-0000-000000000000.");
    }

    private static string Domain(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ManifestBuildException("Missing --domain: pass the host name the bot is served from, for example trustbot.contoso.com.");
        }

        var host = value.Trim();
        if (host.Contains("://", StringComparison.Ordinal) || host.Contains('/', StringComparison.Ordinal)
            || host.Contains(':', StringComparison.Ordinal) || Uri.CheckHostName(host) != UriHostNameType.Dns)
        {
            throw new ManifestBuildException($"--domain '{value}' must be a bare host name without scheme, port or path, for example trustbot.contoso.com.");
        }

        return host.ToLowerInvariant();
    }

    private static string Https(string value, string option) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && value.Length <= 2048
            ? value
            : throw new ManifestBuildException($"{option} '{value}' must be an absolute https:// URL.");

    private static string Text(string value, string option, int maxLength) =>
        string.IsNullOrWhiteSpace(value) || value.Length > maxLength
            ? throw new ManifestBuildException($"{option} must be 1 to {maxLength} characters (it is {value?.Length ?? 0}).")
            : value;

    private static JsonObject LoadTemplate(string path)
    {
        if (!File.Exists(path))
        {
            throw new ManifestBuildException($"The manifest template '{path}' does not exist.");
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new ManifestBuildException($"The manifest template '{path}' is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new ManifestBuildException($"The manifest template '{path}' is not valid JSON: {e.Message}", e);
        }
    }

    // Placeholders are replaced inside parsed string values, so a value with quotes or backslashes cannot break the JSON.
    private static JsonObject Fill(JsonObject template, Dictionary<string, string> values)
    {
        var filled = (JsonObject)template.DeepClone();
        Replace(filled, values);
        var json = filled.ToJsonString();
        if (json.Contains("{{", StringComparison.Ordinal))
        {
            var leftover = LeftoverPlaceholder().Match(json);
            throw new ManifestBuildException(
                $"Placeholder {(leftover.Success ? leftover.Value : "{{")} is left in the manifest; the builder has no value for it.");
        }

        return filled;
    }

    private static void Replace(JsonNode? node, Dictionary<string, string> values)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (child is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        obj[key] = Substitute(text, values);
                    }
                    else
                    {
                        Replace(child, values);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        array[i] = Substitute(text, values);
                    }
                    else
                    {
                        Replace(array[i], values);
                    }
                }

                break;
        }
    }

    private static string Substitute(string text, Dictionary<string, string> values) =>
        Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    private static void CheckManifest(JsonObject manifest, string botId, string appId)
    {
        var version = manifest["manifestVersion"]?.GetValue<string>();
        if (version != ManifestVersion)
        {
            throw new ManifestBuildException(
                $"The template says manifestVersion '{version}', but this builder targets {ManifestVersion} (schema {SchemaUrl}).");
        }

        var schema = manifest["$schema"]?.GetValue<string>();
        if (schema != SchemaUrl)
        {
            throw new ManifestBuildException($"The template's $schema is '{schema}'; manifestVersion {ManifestVersion} needs {SchemaUrl}.");
        }

        if (manifest["id"]?.GetValue<string>() != appId)
        {
            throw new ManifestBuildException("The manifest's id is not the app id; the template must use {{APP_ID}} for it.");
        }

        if (manifest["bots"] is not JsonArray { Count: 1 } bots || bots[0]?["botId"]?.GetValue<string>() != botId)
        {
            throw new ManifestBuildException("The manifest has no bot with the given bot id; the template needs one bot whose botId is {{BOT_ID}}.");
        }
    }

    private static Dictionary<string, byte[]> LoadIcons(JsonObject manifest, string iconDirectory)
    {
        var icons = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (kind, size, outline) in new[] { ("color", ColorIconSize, false), ("outline", OutlineIconSize, true) })
        {
            var name = manifest["icons"]?[kind]?.GetValue<string>();
            if (string.IsNullOrWhiteSpace(name) || name != Path.GetFileName(name))
            {
                throw new ManifestBuildException($"icons.{kind} must name a file at the package root; it is '{name}'.");
            }

            var path = Path.Combine(iconDirectory, name);
            if (!File.Exists(path))
            {
                throw new ManifestBuildException($"The {kind} icon '{path}' does not exist.");
            }

            var bytes = File.ReadAllBytes(path);
            CheckIcon(kind, path, bytes, size, outline);
            icons[name] = bytes;
        }

        return icons;
    }

    // Only the header is checked: the zip gets the file's bytes unchanged, and the tests check the committed icons' pixels.
    private static void CheckIcon(string kind, string path, byte[] bytes, int size, bool outline)
    {
        PngHeader header;
        try
        {
            header = PngHeader.Read(bytes);
        }
        catch (InvalidDataException e)
        {
            throw new ManifestBuildException($"The {kind} icon '{path}' is not a usable PNG: {e.Message}.", e);
        }

        if (header.Width != size || header.Height != size)
        {
            throw new ManifestBuildException($"The {kind} icon '{path}' is {header.Width}x{header.Height}; Teams needs {size}x{size}.");
        }

        if (outline && !header.HasAlphaChannel)
        {
            throw new ManifestBuildException(
                $"The outline icon '{path}' has no alpha channel (PNG colour type {header.ColourType}); Teams needs white on fully transparent.");
        }
    }

    private static void WriteZip(string outputPath, JsonObject manifest, Dictionary<string, byte[]> icons)
    {
        var fullPath = Path.GetFullPath(outputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);

        // Written beside the target and moved over it, so a failed build never leaves half a zip under the real name.
        var temporary = fullPath + ".tmp";
        using (var file = File.Create(temporary))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            AddEntry(zip, ManifestEntryName, Encoding.UTF8.GetBytes(manifest.ToJsonString(Indented) + "\n"));
            foreach (var (name, bytes) in icons)
            {
                AddEntry(zip, name, bytes);
            }
        }

        File.Move(temporary, fullPath, overwrite: true);
    }

    private static void AddEntry(ZipArchive zip, string name, byte[] bytes)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        using var stream = entry.Open();
        stream.Write(bytes);
    }

    [GeneratedRegex(@"\{\{([A-Z_]+)\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\{\{[^{}]*\}\}")]
    private static partial Regex LeftoverPlaceholder();

    [GeneratedRegex(@"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")]
    private static partial Regex VersionPattern();
}
