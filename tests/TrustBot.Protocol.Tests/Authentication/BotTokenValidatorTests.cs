using TrustBot.Protocol.Authentication;
using TrustBot.Testing.Auth;
using static TrustBot.Protocol.Tests.Authentication.ValidatorHarness;

namespace TrustBot.Protocol.Tests.Authentication;

public sealed partial class BotTokenValidatorTests(ValidatorFixture fixture) : IClassFixture<ValidatorFixture>
{
    [Fact]
    public async Task ValidateTokenAsync_ValidToken_SucceedsWithEndorsementsAndServiceUrl()
    {
        var harness = fixture.Harness;

        var result = await harness.ValidateAsync(harness.CreateToken());

        Assert.True(result.Succeeded);
        Assert.Null(result.FailureReason);
        Assert.Equal(TestTokenIssuer.DefaultKeyId, result.SigningKeyId);
        Assert.Equal([Teams], result.Endorsements);
        Assert.Equal(ServiceUrl, result.ServiceUrlClaim);
        Assert.Equal(AppId, result.AppId);
        Assert.Equal(BotAuthorizationStatus.Allowed, harness.Validator.AuthorizeActivity(result, Teams, ServiceUrl));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Bearer")]
    [InlineData("Bearer    ")]
    public async Task ValidateTokenAsync_NoToken_FailsMissing(string? header)
    {
        var harness = fixture.Harness;
        var fetchesBefore = harness.Server!.MetadataRequestCount;

        var result = await harness.Validator.ValidateTokenAsync(header, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(BotTokenFailureReasons.Missing, result.FailureReason);
        Assert.Equal(fetchesBefore, harness.Server.MetadataRequestCount);
    }

    [Theory]
    [InlineData("Basic ")]
    [InlineData("bearer ")]
    [InlineData("BEARER ")]
    [InlineData("Token ")]
    public async Task ValidateTokenAsync_SchemeNotExactlyBearer_FailsScheme(string scheme)
    {
        var harness = fixture.Harness;

        var result = await harness.Validator.ValidateTokenAsync(scheme + harness.CreateToken(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(BotTokenFailureReasons.Scheme, result.FailureReason);
    }

    [Fact]
    public async Task ValidateTokenAsync_ExpiredBeyondSkew_FailsExpired()
    {
        var harness = fixture.Harness;
        var token = harness.CreateToken(expires: harness.Time.GetUtcNow().AddMinutes(-6));

        var result = await harness.ValidateAsync(token);

        Assert.False(result.Succeeded);
        Assert.Equal(BotTokenFailureReasons.Expired, result.FailureReason);
    }

    [Fact]
    public async Task ValidateTokenAsync_ExpiredWithinSkew_Succeeds()
    {
        var harness = fixture.Harness;
        var token = harness.CreateToken(expires: harness.Time.GetUtcNow().AddMinutes(-4));

        var result = await harness.ValidateAsync(token);

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task ValidateTokenAsync_NotBeforeBeyondSkew_FailsNotYetValid()
    {
        var harness = fixture.Harness;
        var now = harness.Time.GetUtcNow();
        var token = harness.CreateToken(notBefore: now.AddMinutes(6), expires: now.AddMinutes(30));

        var result = await harness.ValidateAsync(token);

        Assert.False(result.Succeeded);
        Assert.Equal(BotTokenFailureReasons.NotYetValid, result.FailureReason);
    }

    [Fact]
    public async Task ValidateTokenAsync_NotBeforeWithinSkew_Succeeds()
    {
        var harness = fixture.Harness;
        var now = harness.Time.GetUtcNow();
        var token = harness.CreateToken(notBefore: now.AddMinutes(4), expires: now.AddMinutes(30));

        var result = await harness.ValidateAsync(token);

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task ValidateTokenAsync_InjectedClockPassesExpiry_FailsExpired()
    {
        await using var harness = await StartAsync();
        var token = harness.CreateToken();
        Assert.True((await harness.ValidateAsync(token)).Succeeded);

        harness.Time.Advance(TimeSpan.FromMinutes(16));
        var result = await harness.ValidateAsync(token);

        Assert.Equal(BotTokenFailureReasons.Expired, result.FailureReason);
    }

    [Fact]
    public async Task ValidateTokenAsync_WrongAudience_FailsWrongAudience()
    {
        var harness = fixture.Harness;
        var token = harness.Issuer.CreateToken("9d1c0b7e-0000-4000-8000-000000000000", ServiceUrl);

        var result = await harness.ValidateAsync(token);

        Assert.False(result.Succeeded);
        Assert.Equal(BotTokenFailureReasons.WrongAudience, result.FailureReason);
    }

    [Theory]
    [InlineData("https://api.botframework.us")]
    [InlineData("https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/")]
    [InlineData("https://api.botframework.com/")]
    public async Task ValidateTokenAsync_WrongIssuer_FailsWrongIssuer(string issuer)
    {
        var harness = fixture.Harness;
        var token = harness.Issuer.CreateToken(AppId, ServiceUrl, issuer: issuer);

        var result = await harness.ValidateAsync(token);

        Assert.False(result.Succeeded);
        Assert.Equal(BotTokenFailureReasons.WrongIssuer, result.FailureReason);
    }

    [Theory]
    [InlineData("serviceurl", "https://attacker.example/")]
    [InlineData("aud", AppId + "x")]
    [InlineData("exp", "4102444800")]
    public async Task ValidateTokenAsync_TamperedPayload_FailsBadSignature(string claim, string value)
    {
        var harness = fixture.Harness;
        var token = TestTokenIssuer.TamperPayload(harness.CreateToken(), claim, value);

        var result = await harness.ValidateAsync(token);

        Assert.False(result.Succeeded);
        Assert.Equal(BotTokenFailureReasons.BadSignature, result.FailureReason);
    }

    [Fact]
    public async Task ValidateTokenAsync_TamperedSignature_FailsBadSignature()
    {
        var harness = fixture.Harness;
        var token = TestTokenIssuer.TamperSignature(harness.CreateToken());

        var result = await harness.ValidateAsync(token);

        Assert.False(result.Succeeded);
        Assert.Equal(BotTokenFailureReasons.BadSignature, result.FailureReason);
    }

    [Fact]
    public async Task ValidateTokenAsync_AlgNone_FailsAlgorithm()
    {
        var harness = fixture.Harness;
        var token = harness.Issuer.CreateUnsignedToken(AppId, ServiceUrl);

        var result = await harness.ValidateAsync(token);

        Assert.False(result.Succeeded);
        Assert.Equal(BotTokenFailureReasons.Algorithm, result.FailureReason);
    }

    [Fact]
    public async Task ValidateTokenAsync_Hs256WithKnownKid_FailsAlgorithm()
    {
        var harness = fixture.Harness;
        var token = harness.Issuer.CreateSymmetricToken(AppId, ServiceUrl);

        var result = await harness.ValidateAsync(token);

        Assert.False(result.Succeeded);
        Assert.Equal(BotTokenFailureReasons.Algorithm, result.FailureReason);
    }

    [Fact]
    public async Task ValidateTokenAsync_ForeignKeyClaimingPublishedKid_FailsBadSignature()
    {
        var harness = fixture.Harness;
        var token = harness.Issuer.CreateTokenWithForeignKey(AppId, ServiceUrl);

        var result = await harness.ValidateAsync(token);

        Assert.False(result.Succeeded);
        Assert.Equal(BotTokenFailureReasons.BadSignature, result.FailureReason);
    }

    [Fact]
    public async Task ValidateTokenAsync_MalformedToken_FailsMalformed()
    {
        var harness = fixture.Harness;

        var result = await harness.ValidateAsync("not.a-jwt");

        Assert.False(result.Succeeded);
        Assert.Equal(BotTokenFailureReasons.Malformed, result.FailureReason);
    }

    [Fact]
    public async Task ValidateTokenAsync_ManyValidations_FetchesMetadataOnce()
    {
        await using var harness = await StartAsync();

        for (var i = 0; i < 25; i++)
        {
            Assert.True((await harness.ValidateAsync(harness.CreateToken())).Succeeded);
        }

        Assert.Equal(1, harness.Server!.MetadataRequestCount);
        Assert.Equal(1, harness.Server.KeysRequestCount);
    }

    [Fact]
    public async Task ValidateTokenAsync_ConcurrentFirstValidations_FetchMetadataOnce()
    {
        await using var harness = await StartAsync();
        var token = harness.CreateToken();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => harness.ValidateAsync(token)));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(1, harness.Server!.MetadataRequestCount);
    }

    [Fact]
    public async Task ValidateTokenAsync_MetadataServerDown_FailsWithoutThrowingAndLogsWarning()
    {
        var issuer = new TestTokenIssuer();
        var server = await LoopbackOpenIdServer.StartAsync(issuer);
        var deadUrl = server.MetadataUrl;
        await server.DisposeAsync();
        await using var harness = WithoutServer(deadUrl);

        var result = await harness.ValidateAsync(harness.CreateToken());

        Assert.False(result.Succeeded);
        Assert.Equal(BotTokenFailureReasons.MetadataUnavailable, result.FailureReason);
        Assert.Contains(harness.Logs.Entries, e => e.EventId == 1101 && e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        issuer.Dispose();
    }

    [Fact]
    public async Task ValidateTokenAsync_MetadataUnavailableAfterFirstFetch_KeepsUsingCachedKeys()
    {
        await using var harness = await StartAsync();
        Assert.True((await harness.ValidateAsync(harness.CreateToken())).Succeeded);
        harness.Server!.IsAvailable = false;

        var result = await harness.ValidateAsync(harness.CreateToken());

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Theory]
    [InlineData("http://login.example.com/v1/.well-known/openidconfiguration")]
    [InlineData("http://10.0.0.1/v1/.well-known/openidconfiguration")]
    [InlineData("not a url")]
    public async Task ValidateTokenAsync_MetadataUrlNotHttpsOffLoopback_FailsMetadataUnavailable(string metadataUrl)
    {
        await using var harness = WithoutServer(metadataUrl);

        var result = await harness.ValidateAsync(harness.CreateToken());

        Assert.False(result.Succeeded);
        Assert.Equal(BotTokenFailureReasons.MetadataUnavailable, result.FailureReason);
        Assert.Contains(harness.Logs.Entries, e => e.EventId == 1106);
    }

    [Fact]
    public async Task ValidateTokenAsync_AnyOutcome_NeverLogsTheToken()
    {
        var harness = fixture.Harness;
        var good = harness.CreateToken();
        var tampered = TestTokenIssuer.TamperSignature(good);
        var expired = harness.CreateToken(expires: harness.Time.GetUtcNow().AddHours(-1));

        await harness.ValidateAsync(good);
        await harness.ValidateAsync(tampered);
        await harness.ValidateAsync(expired);

        Assert.NotEmpty(harness.Logs.Entries);
        var signatures = new[] { good, tampered, expired }.Select(t => t[(t.LastIndexOf('.') + 1)..]).ToArray();
        Assert.DoesNotContain(harness.Logs.Entries, e => signatures.Any(s => e.Message.Contains(s, StringComparison.Ordinal)));
    }
}
