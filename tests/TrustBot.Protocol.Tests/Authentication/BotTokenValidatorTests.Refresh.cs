using TrustBot.Protocol.Authentication;
using static TrustBot.Protocol.Tests.Authentication.ValidatorHarness;

namespace TrustBot.Protocol.Tests.Authentication;

public sealed partial class BotTokenValidatorTests
{
    private const int RefreshRequestedEvent = 1102;

    [Fact]
    public async Task ValidateTokenAsync_RotatedKeyWithNewKid_IsPickedUpByRefresh()
    {
        await using var harness = await StartAsync();
        Assert.True((await harness.ValidateAsync(harness.CreateToken())).Succeeded);
        harness.Server!.RotateKey("rotated-key");
        harness.Issuer.SetEndorsements("rotated-key", [Teams, "webchat"]);

        var result = await harness.ValidateAsync(harness.Issuer.CreateToken(AppId, ServiceUrl, keyId: "rotated-key"));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("rotated-key", result.SigningKeyId);
        Assert.Equal([Teams, "webchat"], result.Endorsements);
        Assert.True(harness.Server.KeysRequestCount >= 2);
        Assert.True((await harness.ValidateAsync(harness.CreateToken())).Succeeded);
    }

    [Fact]
    public async Task ValidateTokenAsync_ManyTokensWithRotatedKid_RefreshOnceAndAllSucceed()
    {
        await using var harness = await StartAsync();
        Assert.True((await harness.ValidateAsync(harness.CreateToken())).Succeeded);
        harness.Server!.RotateKey("rotated-key");
        var token = harness.Issuer.CreateToken(AppId, ServiceUrl, keyId: "rotated-key");

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => harness.ValidateAsync(token)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.FailureReason));
        Assert.Single(harness.Logs.Entries, e => e.EventId == RefreshRequestedEvent);
    }

    [Fact]
    public async Task ValidateTokenAsync_UnknownKid_RefreshesThenFailsUnknownKey()
    {
        await using var harness = await StartAsync();
        Assert.True((await harness.ValidateAsync(harness.CreateToken())).Succeeded);
        var metadataFetches = harness.Server!.MetadataRequestCount;

        var result = await harness.ValidateAsync(harness.Issuer.CreateTokenWithForeignKey(AppId, ServiceUrl, keyId: "never-published"));

        Assert.False(result.Succeeded);
        Assert.Equal(BotTokenFailureReasons.UnknownKey, result.FailureReason);
        Assert.Single(harness.Logs.Entries, e => e.EventId == RefreshRequestedEvent);
        Assert.True(harness.Server.MetadataRequestCount > metadataFetches);
    }

    [Fact]
    public async Task ValidateTokenAsync_UnknownKidsWithinRefreshInterval_RefreshOnlyOnce()
    {
        await using var harness = await StartAsync();

        for (var i = 0; i < 5; i++)
        {
            var result = await harness.ValidateAsync(harness.Issuer.CreateTokenWithForeignKey(AppId, ServiceUrl, keyId: $"forged-{i}"));
            Assert.Equal(BotTokenFailureReasons.UnknownKey, result.FailureReason);
        }

        Assert.Single(harness.Logs.Entries, e => e.EventId == RefreshRequestedEvent);
    }

    [Fact]
    public async Task ValidateTokenAsync_UnknownKidAfterRefreshInterval_RefreshesAgain()
    {
        await using var harness = await StartAsync();
        harness.Validator.MinimumRefreshInterval = TimeSpan.FromSeconds(1);
        var forged = harness.Issuer.CreateTokenWithForeignKey(AppId, ServiceUrl, keyId: "forged");
        await harness.ValidateAsync(forged);
        await harness.ValidateAsync(forged);
        Assert.Single(harness.Logs.Entries, e => e.EventId == RefreshRequestedEvent);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        harness.Server!.RotateKey("second-key");
        var result = await harness.ValidateAsync(harness.Issuer.CreateToken(AppId, ServiceUrl, keyId: "second-key"));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(2, harness.Logs.Entries.Count(e => e.EventId == RefreshRequestedEvent));
    }

    [Fact]
    public async Task MinimumRefreshInterval_BelowOneSecond_Throws()
    {
        await using var harness = WithoutServer("https://login.botframework.com/v1/.well-known/openidconfiguration");

        Assert.ThrowsAny<ArgumentException>(() => harness.Validator.MinimumRefreshInterval = TimeSpan.FromMilliseconds(10));
    }
}
