using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;

namespace TrustBot.Protocol.Connector;

// Maps the Bot Framework configuration names onto one Azure.Identity credential, failing with a message that names
// the missing setting rather than an AADSTS error at the first send.
internal static class BotCredentialFactory
{
    public const string MultiTenantAuthority = "botframework.com";

    public static (TokenCredential? Credential, string Kind) Create(BotOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.IsLocalMode)
        {
            return (null, "no credential (local mode)");
        }

        var appId = options.MicrosoftAppId!.Trim();
        if (options.MicrosoftAppType == BotAppType.UserAssignedMSI)
        {
            return (new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(appId)), "a user-assigned managed identity");
        }

        var tenantId = options.MicrosoftAppType switch
        {
            BotAppType.MultiTenant => MultiTenantAuthority,
            _ when !string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId) => options.MicrosoftAppTenantId.Trim(),
            _ => throw new InvalidOperationException(
                "MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant (the bot's Entra tenant id)."),
        };

        if (!string.IsNullOrWhiteSpace(options.MicrosoftAppCertificatePath))
        {
            var certificate = LoadCertificate(options.MicrosoftAppCertificatePath, options.MicrosoftAppCertificatePassword);
            return (new ClientCertificateCredential(tenantId, appId, certificate), $"a client certificate ({options.MicrosoftAppType})");
        }

        if (string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
        {
            throw new InvalidOperationException(
                $"MicrosoftAppPassword or MicrosoftAppCertificatePath is required when MicrosoftAppType is {options.MicrosoftAppType} " +
                "and MicrosoftAppId is set (leave MicrosoftAppId empty for local mode).");
        }

        return (new ClientSecretCredential(tenantId, appId, options.MicrosoftAppPassword), $"a client secret ({options.MicrosoftAppType})");
    }

    // PEM files (certificate and private key in one file) are read as PEM; anything else as PKCS#12.
    internal static X509Certificate2 LoadCertificate(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"MicrosoftAppCertificatePath '{path}' does not exist.");
        }

        X509Certificate2 certificate;
        try
        {
            var isPem = File.ReadAllText(path).Contains("-----BEGIN", StringComparison.Ordinal);
            certificate = isPem
                ? string.IsNullOrEmpty(password) ? X509Certificate2.CreateFromPemFile(path) : X509Certificate2.CreateFromEncryptedPemFile(path, password)
                : X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException exception)
        {
            throw new InvalidOperationException(
                $"MicrosoftAppCertificatePath '{path}' could not be loaded as PEM or PFX (wrong password or format?).", exception);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"MicrosoftAppCertificatePath '{path}' holds no private key.");
        }

        return certificate;
    }
}
