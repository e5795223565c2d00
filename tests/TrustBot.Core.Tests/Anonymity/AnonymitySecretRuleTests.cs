using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TrustBot.Core.Anonymity;

namespace TrustBot.Core.Tests.Anonymity;

public sealed class AnonymitySecretRuleTests
{
    [Theory]
    [InlineData("@Microsoft.KeyVault(VaultName=kv-trustbot-prod;SecretName=anonymity-secret)")]
    [InlineData("@microsoft.keyvault(SecretUri=https://kv-trustbot.vault.azure.net/secrets/anonymity/)")]
    [InlineData("  @Microsoft.KeyVault(VaultName=kv;SecretName=s)")]
    [InlineData("@Microsoft.AppConfiguration(Endpoint=https://trustbot.azconfig.io; Key=anonymity)")]
    public void Check_UnresolvedReference_IsRefused(string value)
    {
        Assert.Equal(AnonymitySecretProblem.UnresolvedReference, AnonymitySecretRule.Check(value));
    }

    [Fact]
    public void Check_Random32ByteBase64_IsAccepted_EveryTime()
    {
        for (var i = 0; i < 2000; i++)
        {
            var value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            Assert.Equal(AnonymitySecretProblem.None, AnonymitySecretRule.Check(value));
        }
    }

    [Fact]
    public void Check_TheDeploymentsTwoGuidHexValue_IsAccepted_EveryTime()
    {
        for (var i = 0; i < 2000; i++)
        {
            var value = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
            Assert.Equal(AnonymitySecretProblem.None, AnonymitySecretRule.Check(value));
        }
    }

    [Theory]
    [InlineData(null, AnonymitySecretProblem.Missing)]
    [InlineData("", AnonymitySecretProblem.Missing)]
    [InlineData("   ", AnonymitySecretProblem.Missing)]
    [InlineData("Qm7tV2xk9LpR4zW8nB1cF6h", AnonymitySecretProblem.TooShort)]
    [InlineData("ssssssssssssssssssssssssssssssssssssssss", AnonymitySecretProblem.LowEntropy)]
    [InlineData("abcdabcdabcdabcdabcdabcdabcdabcdabcd", AnonymitySecretProblem.LowEntropy)]
    [InlineData("abcdefghijklmnopabcdefghijklmnopabcdefghijklmnop", AnonymitySecretProblem.LowEntropy)]
    [InlineData("0123456789-0123456789-0123456789-01", AnonymitySecretProblem.LowEntropy)]
    [InlineData("please-CHANGE-ME-before-deploying-2026", AnonymitySecretProblem.Placeholder)]
    [InlineData("<placeholder for the anonymity key, 32+>", AnonymitySecretProblem.Placeholder)]
    [InlineData("your-secret-goes-here-1234567890-abcdef", AnonymitySecretProblem.Placeholder)]
    [InlineData("key-XXXXXXXX-4b1d-9f2e-7a6c-0d3e5f8a1b2c", AnonymitySecretProblem.Placeholder)]
    public void Check_WeakValues_AreRefusedWithTheReason(string? value, AnonymitySecretProblem expected)
    {
        Assert.Equal(expected, AnonymitySecretRule.Check(value));
    }

    [Fact]
    public void Hash_WithUnresolvedReference_ThrowsInsteadOfHashing()
    {
        var hasher = new ParticipationHasher(Options.Create(new AnonymityOptions
        {
            Secret = "@Microsoft.KeyVault(VaultName=kv-trustbot-prod;SecretName=anonymity-secret)",
        }));

        var error = Assert.Throws<AnonymitySecretUnavailableException>(
            () => hasher.Hash(ParticipationHasher.NewSalt(), TestIds.TenantId, "box", "00000000-0000-0000-0000-000000000001"));

        Assert.Equal(AnonymitySecretProblem.UnresolvedReference, error.Problem);
    }
}
