using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Protocol.Connector;

namespace TrustBot.Protocol.Tests.Connector;

public sealed class BotCredentialFactoryTests : IDisposable
{
    private const string AppId = "00000000-0000-0000-0000-0000000000aa";
    private const string TenantId = "11111111-1111-1111-1111-111111111111";
    private readonly string _directory = Directory.CreateTempSubdirectory("trustbot-cert-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Create_LocalMode_ReturnsNoCredential()
    {
        Assert.Null(BotCredentialFactory.Create(new BotOptions { MicrosoftAppPassword = "ignored" }).Credential);
    }

    [Theory]
    [InlineData(BotAppType.SingleTenant)]
    [InlineData(BotAppType.MultiTenant)]
    public void Create_Secret_ReturnsClientSecretCredential(BotAppType type)
    {
        var options = new BotOptions { MicrosoftAppId = AppId, MicrosoftAppPassword = "secret", MicrosoftAppType = type, MicrosoftAppTenantId = TenantId };

        Assert.IsType<ClientSecretCredential>(BotCredentialFactory.Create(options).Credential);
    }

    [Fact]
    public void Create_MultiTenantWithoutTenantId_UsesBotFrameworkAuthority()
    {
        var options = new BotOptions { MicrosoftAppId = AppId, MicrosoftAppPassword = "secret", MicrosoftAppType = BotAppType.MultiTenant };

        var (credential, kind) = BotCredentialFactory.Create(options);

        Assert.IsType<ClientSecretCredential>(credential);
        Assert.Contains("MultiTenant", kind, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UserAssignedManagedIdentity_ReturnsManagedIdentityCredential()
    {
        var options = new BotOptions { MicrosoftAppId = AppId, MicrosoftAppType = BotAppType.UserAssignedMSI };

        Assert.IsType<ManagedIdentityCredential>(BotCredentialFactory.Create(options).Credential);
    }

    [Fact]
    public void Create_SingleTenantWithoutTenantId_ThrowsNamingTheSetting()
    {
        var options = new BotOptions { MicrosoftAppId = AppId, MicrosoftAppPassword = "secret" };

        var error = Assert.Throws<InvalidOperationException>(() => BotCredentialFactory.Create(options));

        Assert.Contains("MicrosoftAppTenantId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_SingleTenantWithoutSecret_ThrowsNamingTheSettings()
    {
        var options = new BotOptions { MicrosoftAppId = AppId, MicrosoftAppTenantId = TenantId };

        var error = Assert.Throws<InvalidOperationException>(() => new AzureIdentityBotTokenProvider(
            Options.Create(options), Options.Create(new BotFrameworkOptions()), new FakeTimeProvider(), NullLogger<AzureIdentityBotTokenProvider>.Instance));

        Assert.Contains("MicrosoftAppPassword or MicrosoftAppCertificatePath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MissingCertificateFile_ThrowsNamingThePath()
    {
        var path = Path.Combine(_directory, "missing.pfx");
        var options = new BotOptions { MicrosoftAppId = AppId, MicrosoftAppTenantId = TenantId, MicrosoftAppCertificatePath = path };

        var error = Assert.Throws<InvalidOperationException>(() => BotCredentialFactory.Create(options));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PfxCertificateWithPassword_ReturnsClientCertificateCredential()
    {
        using var certificate = CreateCertificate();
        var path = Path.Combine(_directory, "bot.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, "pfx-pass"));
        var options = new BotOptions
        {
            MicrosoftAppId = AppId,
            MicrosoftAppTenantId = TenantId,
            MicrosoftAppCertificatePath = path,
            MicrosoftAppCertificatePassword = "pfx-pass",
        };

        Assert.IsType<ClientCertificateCredential>(BotCredentialFactory.Create(options).Credential);
        using var loaded = BotCredentialFactory.LoadCertificate(path, "pfx-pass");
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(certificate.Thumbprint, loaded.Thumbprint);
    }

    [Fact]
    public void LoadCertificate_PemWithKey_LoadsPrivateKey()
    {
        using var certificate = CreateCertificate();
        var path = Path.Combine(_directory, "bot.pem");
        using var key = certificate.GetRSAPrivateKey()!;
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());

        using var loaded = BotCredentialFactory.LoadCertificate(path, password: null);

        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(certificate.Thumbprint, loaded.Thumbprint);
    }

    [Fact]
    public void LoadCertificate_PemWithoutKey_ThrowsClearly()
    {
        using var certificate = CreateCertificate();
        var path = Path.Combine(_directory, "public.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem());

        var error = Assert.Throws<InvalidOperationException>(() => BotCredentialFactory.LoadCertificate(path, password: null));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadCertificate_WrongPfxPassword_ThrowsClearly()
    {
        using var certificate = CreateCertificate();
        var path = Path.Combine(_directory, "bot.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, "right"));

        var error = Assert.Throws<InvalidOperationException>(() => BotCredentialFactory.LoadCertificate(path, "wrong"));

        Assert.Contains("could not be loaded", error.Message, StringComparison.Ordinal);
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=trustbot-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = TimeProvider.System.GetUtcNow();
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }
}
