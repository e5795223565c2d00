using TrustBot.Protocol.Authentication;
using TrustBot.Testing.Auth;
using static TrustBot.Protocol.Tests.Authentication.ValidatorHarness;

namespace TrustBot.Protocol.Tests.Authentication;

public sealed partial class BotTokenValidatorTests
{
    [Fact]
    public async Task AuthorizeActivity_KeyEndorsedForOtherChannelOnly_Unauthorized()
    {
        await using var harness = await StartAsync(issuer => issuer.SetEndorsements(TestTokenIssuer.DefaultKeyId, ["skype"]));
        var token = await harness.ValidateAsync(harness.CreateToken());
        Assert.True(token.Succeeded);

        Assert.Equal(BotAuthorizationStatus.Unauthorized, harness.Validator.AuthorizeActivity(token, Teams, ServiceUrl));
        Assert.Equal(BotAuthorizationStatus.Allowed, harness.Validator.AuthorizeActivity(token, "skype", ServiceUrl));
    }

    [Theory]
    [InlineData(Teams)]
    [InlineData("")]
    [InlineData(null)]
    public async Task AuthorizeActivity_KeyWithoutEndorsements_Unauthorized(string? channelId)
    {
        await using var harness = await StartAsync(issuer => issuer.SetEndorsements(TestTokenIssuer.DefaultKeyId, null));
        var token = await harness.ValidateAsync(harness.CreateToken());
        Assert.True(token.Succeeded);
        Assert.Null(token.Endorsements);

        Assert.Equal(BotAuthorizationStatus.Unauthorized, harness.Validator.AuthorizeActivity(token, channelId, ServiceUrl));
    }

    [Fact]
    public async Task AuthorizeActivity_EmptyEndorsementList_UnauthorizedForTeams()
    {
        await using var harness = await StartAsync(issuer => issuer.SetEndorsements(TestTokenIssuer.DefaultKeyId, []));
        var token = await harness.ValidateAsync(harness.CreateToken());

        Assert.Empty(token.Endorsements!);
        Assert.Equal(BotAuthorizationStatus.Unauthorized, harness.Validator.AuthorizeActivity(token, Teams, ServiceUrl));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public async Task AuthorizeActivity_NoChannelIdWithEndorsedKey_Allowed(string? channelId)
    {
        var harness = fixture.Harness;
        var token = await harness.ValidateAsync(harness.CreateToken());

        Assert.Equal(BotAuthorizationStatus.Allowed, harness.Validator.AuthorizeActivity(token, channelId, ServiceUrl));
    }

    [Theory]
    [InlineData("MSTEAMS")]
    [InlineData("msteams ")]
    [InlineData("emulator")]
    public async Task AuthorizeActivity_ChannelNotExactlyEndorsed_Unauthorized(string channelId)
    {
        var harness = fixture.Harness;
        var token = await harness.ValidateAsync(harness.CreateToken());

        Assert.Equal(BotAuthorizationStatus.Unauthorized, harness.Validator.AuthorizeActivity(token, channelId, ServiceUrl));
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/")]
    [InlineData("https://attacker.example/emea/")]
    [InlineData("https://smba.trafficmanager.net/emea//")]
    [InlineData("")]
    [InlineData(null)]
    public async Task AuthorizeActivity_ServiceUrlDiffersFromClaim_Forbidden(string? activityServiceUrl)
    {
        var harness = fixture.Harness;
        var token = await harness.ValidateAsync(harness.CreateToken());

        Assert.Equal(BotAuthorizationStatus.Forbidden, harness.Validator.AuthorizeActivity(token, Teams, activityServiceUrl));
    }

    [Fact]
    public async Task AuthorizeActivity_TokenWithoutServiceUrlClaim_Forbidden()
    {
        var harness = fixture.Harness;
        var token = await harness.ValidateAsync(harness.CreateToken(serviceUrl: null));
        Assert.True(token.Succeeded);
        Assert.Null(token.ServiceUrlClaim);

        Assert.Equal(BotAuthorizationStatus.Forbidden, harness.Validator.AuthorizeActivity(token, Teams, ServiceUrl));
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/", "https://smba.trafficmanager.net/emea")]
    [InlineData("https://smba.trafficmanager.net/emea", "https://smba.trafficmanager.net/emea/")]
    [InlineData("https://smba.trafficmanager.net/emea/", "HTTPS://SMBA.TrafficManager.NET/EMEA/")]
    [InlineData("https://SMBA.trafficmanager.net/Emea", "https://smba.trafficmanager.net/emea/")]
    public async Task AuthorizeActivity_ServiceUrlDiffersOnlyInCaseOrTrailingSlash_Allowed(string claim, string activityServiceUrl)
    {
        var harness = fixture.Harness;
        var token = await harness.ValidateAsync(harness.CreateToken(serviceUrl: claim));

        Assert.Equal(BotAuthorizationStatus.Allowed, harness.Validator.AuthorizeActivity(token, Teams, activityServiceUrl));
    }

    [Fact]
    public async Task AuthorizeActivity_FailedToken_Unauthorized()
    {
        var harness = fixture.Harness;
        var failed = await harness.Validator.ValidateTokenAsync(null, CancellationToken.None);

        Assert.Equal(BotAuthorizationStatus.Unauthorized, harness.Validator.AuthorizeActivity(failed, Teams, ServiceUrl));
    }

    [Fact]
    public async Task AuthorizeActivity_ForgedSuccessResultWithoutServiceUrl_Forbidden()
    {
        var harness = fixture.Harness;
        var forged = new BotTokenResult { Succeeded = true, Endorsements = [Teams] };

        Assert.Equal(BotAuthorizationStatus.Forbidden, harness.Validator.AuthorizeActivity(forged, Teams, ServiceUrl));
    }
}
