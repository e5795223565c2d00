using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Protocol.Authentication;
using TrustBot.Testing.Auth;

namespace TrustBot.Protocol.Tests.Authentication;

/// <summary>
/// A <see cref="BotTokenValidator"/> wired through <c>AddBotAuthentication</c> against a real loopback metadata
/// server, with a fake clock far from the real one so any use of the system clock shows up as a failure.
/// </summary>
internal sealed class ValidatorHarness : IAsyncDisposable
{
    public const string AppId = "5a0f6a2e-7c1b-4d8e-9f3a-2b6c8d4e1f70";
    public const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    public const string Teams = "msteams";

    private readonly ServiceProvider _services;

    private ValidatorHarness(TestTokenIssuer issuer, LoopbackOpenIdServer? server, FakeTimeProvider time, ServiceProvider services, CapturingLoggerProvider logs)
    {
        Issuer = issuer;
        Server = server;
        Time = time;
        _services = services;
        Logs = logs;
        Validator = services.GetRequiredService<BotTokenValidator>();
    }

    public TestTokenIssuer Issuer { get; }

    public LoopbackOpenIdServer? Server { get; }

    public FakeTimeProvider Time { get; }

    public CapturingLoggerProvider Logs { get; }

    public BotTokenValidator Validator { get; }

    /// <summary>Starts issuer, server and validator; <paramref name="arrangeKeys"/> runs before the server starts.</summary>
    public static async Task<ValidatorHarness> StartAsync(Action<TestTokenIssuer>? arrangeKeys = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2031, 3, 14, 9, 0, 0, TimeSpan.Zero));
        var issuer = new TestTokenIssuer(time);
        arrangeKeys?.Invoke(issuer);
        var server = await LoopbackOpenIdServer.StartAsync(issuer);
        return new ValidatorHarness(issuer, server, time, BuildServices(time, server.MetadataUrl, out var logs), logs);
    }

    /// <summary>A validator pointed at <paramref name="metadataUrl"/> with no server of ours behind it.</summary>
    public static ValidatorHarness WithoutServer(string metadataUrl)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2031, 3, 14, 9, 0, 0, TimeSpan.Zero));
        return new ValidatorHarness(new TestTokenIssuer(time), null, time, BuildServices(time, metadataUrl, out var logs), logs);
    }

    public static string Bearer(string token) => "Bearer " + token;

    public string CreateToken(string? serviceUrl = ServiceUrl, DateTimeOffset? notBefore = null, DateTimeOffset? expires = null) =>
        Issuer.CreateToken(AppId, serviceUrl, notBefore, expires);

    public Task<BotTokenResult> ValidateAsync(string token) =>
        Validator.ValidateTokenAsync(Bearer(token), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        Issuer.Dispose();
    }

    private static ServiceProvider BuildServices(FakeTimeProvider time, string metadataUrl, out CapturingLoggerProvider logs)
    {
        var captured = new CapturingLoggerProvider();
        logs = captured;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging(logging => logging.AddProvider(captured).SetMinimumLevel(LogLevel.Trace));
        services.Configure<BotOptions>(o => o.MicrosoftAppId = AppId);
        services.Configure<BotFrameworkOptions>(o => o.OpenIdMetadataUrl = metadataUrl);
        services.AddBotAuthentication();
        return services.BuildServiceProvider();
    }
}
