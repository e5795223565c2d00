using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TrustBot.Testing.Auth;

/// <summary>
/// A Kestrel app on <c>http://127.0.0.1:&lt;port&gt;</c> that serves the Bot Framework OpenID metadata document
/// and the JWKS of a <see cref="TestTokenIssuer"/>, read live so keys can be added or rotated while it runs.
/// </summary>
public sealed class LoopbackOpenIdServer : IAsyncDisposable
{
    /// <summary>The path of the metadata document, as on <c>login.botframework.com</c>.</summary>
    public const string MetadataPath = "/v1/.well-known/openidconfiguration";

    /// <summary>The path of the key set.</summary>
    public const string KeysPath = "/v1/.well-known/keys";

    private readonly WebApplication _app;
    private int _metadataRequestCount;
    private int _keysRequestCount;
    private volatile bool _isAvailable = true;

    private LoopbackOpenIdServer(WebApplication app, TestTokenIssuer issuer)
    {
        _app = app;
        Issuer = issuer;
    }

    /// <summary>The issuer whose published keys are served.</summary>
    public TestTokenIssuer Issuer { get; }

    /// <summary>The root of the server, e.g. <c>http://127.0.0.1:54321</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The OpenID metadata URL to configure as <c>BotFramework:OpenIdMetadataUrl</c>.</summary>
    public string MetadataUrl => BaseUrl + MetadataPath;

    /// <summary>How many times the metadata document was requested.</summary>
    public int MetadataRequestCount => Volatile.Read(ref _metadataRequestCount);

    /// <summary>How many times the key set was requested.</summary>
    public int KeysRequestCount => Volatile.Read(ref _keysRequestCount);

    /// <summary>When false both endpoints answer 503, as during an outage of the token service.</summary>
    public bool IsAvailable
    {
        get => _isAvailable;
        set => _isAvailable = value;
    }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<LoopbackOpenIdServer> StartAsync(TestTokenIssuer issuer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new LoopbackOpenIdServer(app, issuer);
        server.MapEndpoints();
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        server.BaseUrl = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        return server;
    }

    /// <summary>Publishes a new key endorsed for <c>msteams</c> next to the existing ones, as the token service does before switching.</summary>
    public TestSigningKey RotateKey(string newKeyId) => Issuer.AddKey(newKeyId);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void MapEndpoints()
    {
        _app.MapGet(MetadataPath, () =>
        {
            Interlocked.Increment(ref _metadataRequestCount);
            if (!_isAvailable)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            var document = $$"""
                { "issuer": "{{TestTokenIssuer.BotFrameworkIssuer}}", "jwks_uri": "{{BaseUrl}}{{KeysPath}}", "id_token_signing_alg_values_supported": ["RS256"] }
                """;
            return Results.Text(document, "application/json");
        });

        _app.MapGet(KeysPath, () =>
        {
            Interlocked.Increment(ref _keysRequestCount);
            return _isAvailable
                ? Results.Text(Issuer.GetJwksJson(), "application/json")
                : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
    }
}
