using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace TrustBot.Web.Tests.Telemetry;

/// <summary>
/// Identifiers are kept out of logs where they would enter: no [LoggerMessage] method of the product may take a value
/// that names a conversation, person, tenant, table key or URL, at any level. Redaction in the exporters is only the
/// second line: console and App Service log streams never pass through it, and Debug is one setting away.
/// </summary>
public sealed partial class LoggerMessageParameterTests
{
    private static readonly Assembly[] Product =
    [
        typeof(TrustBot.Protocol.BotOptions).Assembly,
        typeof(TrustBot.Core.Installations.Installation).Assembly,
        typeof(TrustBot.Storage.Hosting.StorageServiceCollectionExtensions).Assembly,
        typeof(Program).Assembly,
    ];

    /// <summary>
    /// Words of a parameter or placeholder name (split at case changes) that mark an identifier or content: ids and
    /// keys of any kind, hashes, the people and places Teams names, table keys and filters, lease resources (which are
    /// table keys), job subjects (user and check-in ids), URLs, and free text.
    /// </summary>
    private static readonly HashSet<string> IdentifyingWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "ids", "key", "keys", "hash", "hashes", "conversation", "conversations", "user", "users", "aad",
        "tenant", "tenants", "partition", "row", "filter", "resource", "url", "uri", "subject", "recipient", "member",
        "email", "upn", "text", "body", "content", "message",
    };

    /// <summary>Methods whose flagged parameter is harmless, by declaring type and method name, with the reason.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        ["AuthenticationLog.TokenValidated"] = "the kid of Microsoft's signing key, the same for every sender of every tenant",
        ["AuthenticationLog.ChannelNotEndorsed"] = "the Bot Framework channel name (\"msteams\"), not a Teams channel",
    };

    [Fact]
    public void NoLogMethod_TakesAnIdentifier()
    {
        var methods = LogMethods().ToList();
        Assert.True(methods.Count > 150, $"Only {methods.Count} [LoggerMessage] methods found; is the scan still finding them?");

        var offences = methods
            .Select(m => (Name: NameOf(m.Method), Problems: Problems(m.Method, m.Attribute)))
            .Where(m => m.Problems.Count > 0 && !Allowed.ContainsKey(m.Name))
            .Select(m => $"{m.Name}: {string.Join("; ", m.Problems)}")
            .ToList();

        Assert.True(offences.Count == 0, "Log an outcome, a count or a kind instead:" + Environment.NewLine + string.Join(Environment.NewLine, offences));
    }

    [Fact]
    public void EveryListedException_StillNamesAnOffendingLogMethod()
    {
        var offending = LogMethods()
            .Where(m => Problems(m.Method, m.Attribute).Count > 0)
            .Select(m => NameOf(m.Method))
            .ToHashSet(StringComparer.Ordinal);

        var stale = Allowed.Keys.Where(name => !offending.Contains(name)).ToList();
        Assert.True(stale.Count == 0, "No longer offending; remove from the list: " + string.Join(", ", stale));
    }

    [Theory]
    [InlineData("Check-in {CheckInId} in tenant {TenantId} closed", "tenantId:String checkInId:String", true)]
    [InlineData("Row {Row} of {Table} was deleted", "row:String table:String", true)]
    [InlineData("Ready at {Endpoint}", "endpoint:Uri", true)]
    [InlineData("Stored {Installation}", "installation:Installation", true)]
    [InlineData("Lease on {Resource} lost by {Owner}", "resourceKey:String owner:String", true)]
    [InlineData("A {Kind} send ended {Outcome} on attempt {Attempt} ({Status}, {ExceptionType})", "kind:String outcome:DeliveryOutcome attempt:Int64 status:Int32 exceptionType:String", false)]
    [InlineData("Deleted {Count} rows older than {MaxAge}", "count:Int32 maxAge:TimeSpan", false)]
    public void Rule_FlagsIdentifiersAndPassesOutcomesCountsAndKinds(string message, string parameters, bool flagged)
    {
        var types = new Dictionary<string, Type>(StringComparer.Ordinal)
        {
            ["String"] = typeof(string), ["Uri"] = typeof(Uri), ["Int32"] = typeof(int), ["Int64"] = typeof(long),
            ["TimeSpan"] = typeof(TimeSpan), ["Installation"] = typeof(TrustBot.Core.Installations.Installation),
            ["DeliveryOutcome"] = typeof(TrustBot.Core.Messaging.DeliveryOutcome),
        };
        var parsed = parameters.Split(' ').Select(p => p.Split(':')).Select(p => (p[0], types[p[1]])).ToList();

        Assert.Equal(flagged, Problems(parsed, message).Count > 0);
    }

    private static IEnumerable<(MethodInfo Method, LoggerMessageAttribute Attribute)> LogMethods() =>
        Product
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .Select(m => (m.Method, m.Attribute!));

    private static string NameOf(MethodInfo method) => $"{method.DeclaringType!.Name}.{method.Name}";

    private static List<string> Problems(MethodInfo method, LoggerMessageAttribute attribute) =>
        Problems(method.GetParameters().Select(p => (p.Name!, p.ParameterType)), attribute.Message ?? string.Empty);

    private static List<string> Problems(IEnumerable<(string Name, Type Type)> parameters, string message)
    {
        var problems = new List<string>();
        foreach (var (name, declared) in parameters)
        {
            var type = Nullable.GetUnderlyingType(declared) ?? declared;
            if (typeof(ILogger).IsAssignableFrom(type) || typeof(Exception).IsAssignableFrom(type))
            {
                continue;
            }

            if (Identifying(name) is { } word)
            {
                problems.Add($"parameter {name} ({word})");
            }

            if (!Plain(type))
            {
                // A record's or URI's text is whatever it holds: ids, keys, paths.
                problems.Add($"parameter {name} is a {type.Name}, not a string, number, enum or time");
            }
        }

        foreach (Match placeholder in Placeholder().Matches(message))
        {
            if (Identifying(placeholder.Groups["name"].Value) is { } word)
            {
                problems.Add($"placeholder {{{placeholder.Groups["name"].Value}}} ({word})");
            }
        }

        return problems;
    }

    private static string? Identifying(string name) =>
        Word().Matches(name).Select(w => w.Value).FirstOrDefault(IdentifyingWords.Contains);

    private static bool Plain(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
        || type == typeof(TimeSpan) || type == typeof(DateTimeOffset) || type == typeof(DateTime);

    // "ballotBoxId" → ballot, Box, Id; "MSCV" stays one word; digits end a word.
    [GeneratedRegex("[A-Z]?[a-z]+|[A-Z]+(?![a-z])")]
    private static partial Regex Word();

    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_]*)[^}]*\}")]
    private static partial Regex Placeholder();
}
