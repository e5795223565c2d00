namespace TrustBot.AppPackage;

/// <summary>
/// The command line behind <c>manifest/build-package.sh</c>: parses options, builds the package
/// and turns any failure into one line on stderr and a non-zero exit code.
/// </summary>
public static class PackageCommand
{
    /// <summary>Exit code for a package that was built.</summary>
    public const int Success = 0;

    /// <summary>Exit code for bad input or a template/icon problem.</summary>
    public const int Failure = 1;

    /// <summary>Exit code for unusable command-line syntax.</summary>
    public const int Usage = 2;

    /// <summary>The manifest template's file name inside the manifest folder.</summary>
    public const string TemplateFileName = "manifest.template.json";

    private const string UsageText = """
        Usage: manifest/build-package.sh --bot-id <guid> --domain <host> [options]
          --bot-id <guid>            the bot's Microsoft App ID (required)
          --domain <host>            host the bot is served from, no scheme (required)
          --app-id <guid>            Teams app id (default: the bot id)
          --version <x.y.z>          app version (default 1.0.0)
          --name <text>              short name, max 30 (default TrustBot)
          --full-name <text>         full name, max 100
          --description <text>       short description, max 80
          --full-description <text>  full description, max 4000
          --developer <text>         developer name, max 32 (default TrustBot)
          --website <https url>      developer website (default https://<domain>/)
          --privacy <https url>      privacy statement (default https://<domain>/privacy)
          --terms <https url>        terms of use (default https://<domain>/terms)
          --out <path>               zip to write (default <repo>/artifacts/trustbot-app.zip)
          --template <path>          manifest template (default manifest/manifest.template.json)
          --icons <dir>              folder with color.png and outline.png (default manifest/)
        """;

    /// <summary>Runs the command; <paramref name="manifestDirectory"/> is the repo's <c>manifest/</c> folder.</summary>
    public static int Run(IReadOnlyList<string> args, string manifestDirectory, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        Dictionary<string, string> values;
        try
        {
            values = Parse(args);
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"error: {e.Message}");
            error.WriteLine(UsageText);
            return Usage;
        }

        if (values.ContainsKey("--help"))
        {
            output.WriteLine(UsageText);
            return Success;
        }

        try
        {
            var options = ToOptions(values, manifestDirectory);
            var manifest = AppPackageBuilder.Build(options);
            output.WriteLine(
                $"Built {Path.GetFullPath(options.OutputPath)} (manifestVersion {AppPackageBuilder.ManifestVersion}, app {manifest["id"]}, bot {manifest["bots"]?[0]?["botId"]})");
            return Success;
        }
        catch (ManifestBuildException e)
        {
            error.WriteLine($"error: {e.Message}");
            return Failure;
        }
        catch (IOException e)
        {
            error.WriteLine($"error: {e.Message}");
            return Failure;
        }
        catch (UnauthorizedAccessException e)
        {
            error.WriteLine($"error: {e.Message}");
            return Failure;
        }
    }

    private static readonly HashSet<string> Switches = ["--help"];

    private static readonly HashSet<string> ValueOptions =
    [
        "--bot-id", "--app-id", "--domain", "--version", "--name", "--full-name", "--description", "--full-description",
        "--developer", "--website", "--privacy", "--terms", "--out", "--template", "--icons",
    ];

    private static Dictionary<string, string> Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var name = arg;
            string? value = null;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = arg[..equals];
                value = arg[(equals + 1)..];
            }

            if (name is "-h")
            {
                name = "--help";
            }

            if (Switches.Contains(name))
            {
                values[name] = "true";
                continue;
            }

            if (!ValueOptions.Contains(name))
            {
                throw new ArgumentException($"unknown option '{arg}'");
            }

            if (value is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"{name} needs a value");
                }

                value = args[++i];
            }

            values[name] = value;
        }

        return values;
    }

    private static AppPackageOptions ToOptions(Dictionary<string, string> values, string manifestDirectory)
    {
        var defaults = new AppPackageOptions { TemplatePath = string.Empty, IconDirectory = string.Empty, OutputPath = string.Empty };
        string? Get(string name) => values.TryGetValue(name, out var v) ? v : null;
        var repoRoot = Path.GetFullPath(Path.Combine(manifestDirectory, ".."));
        return new AppPackageOptions
        {
            BotId = Get("--bot-id"),
            AppId = Get("--app-id"),
            Domain = Get("--domain"),
            Version = Get("--version") ?? defaults.Version,
            ShortName = Get("--name") ?? defaults.ShortName,
            FullName = Get("--full-name") ?? defaults.FullName,
            ShortDescription = Get("--description") ?? defaults.ShortDescription,
            FullDescription = Get("--full-description") ?? defaults.FullDescription,
            DeveloperName = Get("--developer") ?? defaults.DeveloperName,
            WebsiteUrl = Get("--website"),
            PrivacyUrl = Get("--privacy"),
            TermsUrl = Get("--terms"),
            TemplatePath = Get("--template") ?? Path.Combine(manifestDirectory, TemplateFileName),
            IconDirectory = Get("--icons") ?? manifestDirectory,
            OutputPath = Get("--out") ?? Path.Combine(repoRoot, "artifacts", "trustbot-app.zip"),
        };
    }
}
