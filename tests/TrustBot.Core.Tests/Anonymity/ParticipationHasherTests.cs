using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TrustBot.Core.Anonymity;

namespace TrustBot.Core.Tests.Anonymity;

public sealed class ParticipationHasherTests
{
    private const string Secret = TestSecret.Value;
    private const string BoxId = "c7f2a9e41b6d4c0f";
    private const string UserId = "4f1d2c3b-5a6e-4b7c-8d9e-0f1a2b3c4d5e";
    private static readonly byte[] Salt = Enumerable.Range(1, ParticipationHasher.SaltBytes).Select(i => (byte)i).ToArray();

    [Fact]
    public void Hash_SameInputs_IsDeterministic()
    {
        var first = Hasher(Secret).Hash(Salt, TestIds.TenantId, BoxId, UserId);
        var second = Hasher(Secret).Hash(Salt.ToArray(), TestIds.TenantId, BoxId, UserId);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Hash_KnownInputs_IsTheDocumentedHmacConstruction()
    {
        // design.md §3: HMAC-SHA256(key, tenant | check-in | AAD object id), key = the salt mixed with the secret.
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Salt);
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{TestIds.TenantId}|{BoxId}|{UserId}"));

        Assert.Equal(Convert.ToHexStringLower(expected), Hasher(Secret).Hash(Salt, TestIds.TenantId, BoxId, UserId));
    }

    [Fact]
    public void Hash_Always_Is64LowercaseHexCharacters()
    {
        var hash = Hasher(Secret).Hash(Salt, TestIds.TenantId, BoxId, UserId);

        Assert.Equal(64, hash.Length);
        Assert.All(hash, c => Assert.True(char.IsAsciiDigit(c) || c is >= 'a' and <= 'f', $"'{c}' is not lowercase hex"));
    }

    [Fact]
    public void Hash_DifferentSalt_Differs()
    {
        var otherSalt = Salt.ToArray();
        otherSalt[^1] ^= 1;

        Assert.NotEqual(
            Hasher(Secret).Hash(Salt, TestIds.TenantId, BoxId, UserId),
            Hasher(Secret).Hash(otherSalt, TestIds.TenantId, BoxId, UserId));
    }

    [Fact]
    public void Hash_DifferentSecret_Differs()
    {
        Assert.NotEqual(
            Hasher(Secret).Hash(Salt, TestIds.TenantId, BoxId, UserId),
            Hasher(Secret + "!").Hash(Salt, TestIds.TenantId, BoxId, UserId));
    }

    [Fact]
    public void Hash_DifferentTenant_Differs()
    {
        Assert.NotEqual(
            Hasher(Secret).Hash(Salt, TestIds.TenantId, BoxId, UserId),
            Hasher(Secret).Hash(Salt, TestIds.OtherTenantId, BoxId, UserId));
    }

    [Fact]
    public void Hash_DifferentBallotBox_Differs()
    {
        Assert.NotEqual(
            Hasher(Secret).Hash(Salt, TestIds.TenantId, BoxId, UserId),
            Hasher(Secret).Hash(Salt, TestIds.TenantId, BoxId + "x", UserId));
    }

    [Fact]
    public void Hash_DifferentUser_Differs()
    {
        Assert.NotEqual(
            Hasher(Secret).Hash(Salt, TestIds.TenantId, BoxId, UserId),
            Hasher(Secret).Hash(Salt, TestIds.TenantId, BoxId, TestIds.InstallerAadObjectId));
    }

    [Fact]
    public void Hash_AadObjectIdInAnotherCase_IsTheSame()
    {
        Assert.Equal(
            Hasher(Secret).Hash(Salt, TestIds.TenantId, BoxId, UserId),
            Hasher(Secret).Hash(Salt, TestIds.TenantId, BoxId, UserId.ToUpperInvariant()));
    }

    [Fact]
    public void Hash_Output_DoesNotContainTheUserId()
    {
        var hash = Hasher(Secret).Hash(Salt, TestIds.TenantId, BoxId, UserId);

        Assert.DoesNotContain(UserId.Replace("-", "", StringComparison.Ordinal), hash, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToHexStringLower(Salt), hash, StringComparison.Ordinal);
    }

    [Fact]
    public void Hash_NullSalt_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Hasher(Secret).Hash(null!, TestIds.TenantId, BoxId, UserId));
    }

    [Fact]
    public void NewSalt_Always_Is32Bytes()
    {
        Assert.Equal(32, ParticipationHasher.SaltBytes);
        Assert.Equal(ParticipationHasher.SaltBytes, ParticipationHasher.NewSalt().Length);
    }

    [Fact]
    public void NewSalt_ManyCalls_AreAllDifferentAndNotZero()
    {
        var salts = Enumerable.Range(0, 100).Select(_ => Convert.ToHexString(ParticipationHasher.NewSalt())).ToList();

        Assert.Equal(salts.Count, salts.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(new string('0', ParticipationHasher.SaltBytes * 2), salts);
    }

    private static ParticipationHasher Hasher(string secret) => new(Options.Create(new AnonymityOptions { Secret = secret }));
}
