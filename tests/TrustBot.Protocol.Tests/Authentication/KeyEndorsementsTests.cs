using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using TrustBot.Protocol.Authentication;
using TrustBot.Testing.Auth;

namespace TrustBot.Protocol.Tests.Authentication;

public sealed class KeyEndorsementsTests
{
    private const string Jwks = """
        { "keys": [
          { "kty": "RSA", "use": "sig", "kid": "a", "n": "sXch", "e": "AQAB", "endorsements": ["msteams", "skype"] },
          { "kty": "RSA", "use": "sig", "kid": "b", "n": "sXch", "e": "AQAB" },
          { "kty": "RSA", "use": "sig", "kid": "c", "n": "sXch", "e": "AQAB", "endorsements": [] },
          { "kty": "RSA", "use": "sig", "kid": "d", "n": "sXch", "e": "AQAB", "endorsements": "msteams" },
          { "kty": "RSA", "use": "sig", "kid": "e", "n": "sXch", "e": "AQAB", "endorsements": ["msteams", 7] }
        ] }
        """;

    [Fact]
    public void IdentityModel_ParsesEndorsementsMember_AsJsonElementArray()
    {
        var keySet = new JsonWebKeySet(Jwks);

        var value = keySet.Keys.Single(k => k.Kid == "a").AdditionalData["endorsements"];

        var element = Assert.IsType<JsonElement>(value);
        Assert.Equal(JsonValueKind.Array, element.ValueKind);
    }

    [Fact]
    public void Find_KeyWithEndorsements_ReturnsThemInOrder()
    {
        Assert.Equal(["msteams", "skype"], KeyEndorsements.Find(new JsonWebKeySet(Jwks), "a"));
    }

    [Fact]
    public void Find_EmptyEndorsementArray_ReturnsEmptyList()
    {
        var endorsements = KeyEndorsements.Find(new JsonWebKeySet(Jwks), "c");

        Assert.NotNull(endorsements);
        Assert.Empty(endorsements);
    }

    [Theory]
    [InlineData("b")]
    [InlineData("d")]
    [InlineData("e")]
    [InlineData("missing")]
    [InlineData("A")]
    [InlineData("")]
    [InlineData(null)]
    public void Find_NoUsableEndorsements_ReturnsNull(string? keyId)
    {
        Assert.Null(KeyEndorsements.Find(new JsonWebKeySet(Jwks), keyId));
    }

    [Fact]
    public void Find_NoKeySet_ReturnsNull()
    {
        Assert.Null(KeyEndorsements.Find(null, "a"));
    }

    [Fact]
    public void Find_TestIssuerJwks_ReadsEndorsementsPerKey()
    {
        using var issuer = new TestTokenIssuer();
        issuer.AddKey("skype-only", ["skype"]);
        issuer.AddKey("bare", null);
        var keySet = new JsonWebKeySet(issuer.GetJwksJson());

        Assert.Equal(TestTokenIssuer.DefaultEndorsements, KeyEndorsements.Find(keySet, TestTokenIssuer.DefaultKeyId));
        Assert.Equal(["skype"], KeyEndorsements.Find(keySet, "skype-only"));
        Assert.Null(KeyEndorsements.Find(keySet, "bare"));
    }
}
