using TrustBot.Storage.Hosting;

namespace TrustBot.Storage.Tests.Hosting;

public sealed class StorageOptionsValidatorTests
{
    private readonly StorageOptionsValidator _validator = new();

    [Fact]
    public void Validate_NeitherConnectionStringNorAccount_FailsNamingBothSettings()
    {
        var result = _validator.Validate(null, new StorageOptions());

        Assert.True(result.Failed);
        var message = Assert.Single(result.Failures!);
        Assert.Contains("Storage:ConnectionString", message, StringComparison.Ordinal);
        Assert.Contains("Storage:AccountName", message, StringComparison.Ordinal);
        Assert.Contains("./tools/run.sh", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhitespaceOnly_CountsAsNotSet()
    {
        var result = _validator.Validate(null, new StorageOptions { ConnectionString = "  ", AccountName = " " });

        Assert.Contains(result.Failures!, f => f.StartsWith("Storage is not configured", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_BothConnectionStringAndAccount_FailsAsAmbiguous()
    {
        var result = _validator.Validate(null, new StorageOptions { ConnectionString = "UseDevelopmentStorage=true", AccountName = "trustbot" });

        Assert.Equal(["Set either Storage:ConnectionString or Storage:AccountName, not both."], result.Failures);
    }

    [Fact]
    public void Validate_ConnectionStringOnly_Succeeds()
    {
        Assert.True(_validator.Validate(null, new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" }).Succeeded);
    }

    [Fact]
    public void Validate_AccountWithEndpointsAndIdentity_Succeeds()
    {
        var options = new StorageOptions
        {
            AccountName = "trustbotprod01",
            TableEndpoint = new Uri("https://trustbotprod01.table.core.windows.net/"),
            QueueEndpoint = new Uri("https://trustbotprod01.queue.core.windows.net/"),
            ManagedIdentityClientId = "6b1f5c4e-0000-4000-8000-000000000001",
            TablePrefix = "prod",
        };

        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("TrustBot")]
    [InlineData("trust-bot")]
    [InlineData("averyveryverylongaccount1")]
    public void Validate_InvalidAccountName_FailsWithTheRule(string accountName)
    {
        var result = _validator.Validate(null, new StorageOptions { AccountName = accountName });

        Assert.Equal(["Storage:AccountName must be 3 to 24 lowercase letters and digits."], result.Failures);
    }

    [Fact]
    public void Validate_RelativeEndpoints_FailForEach()
    {
        var options = new StorageOptions
        {
            AccountName = "trustbot",
            TableEndpoint = new Uri("tables", UriKind.Relative),
            QueueEndpoint = new Uri("queues", UriKind.Relative),
        };

        Assert.Equal(
            ["Storage:TableEndpoint must be an absolute URI.", "Storage:QueueEndpoint must be an absolute URI."],
            _validator.Validate(null, options).Failures);
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("t-1")]
    [InlineData("t_1")]
    [InlineData("t12345678901234567890123456789012345678901")]
    public void Validate_InvalidTablePrefix_FailsWithTheRule(string prefix)
    {
        var result = _validator.Validate(null, new StorageOptions { ConnectionString = "UseDevelopmentStorage=true", TablePrefix = prefix });

        var message = Assert.Single(result.Failures!);
        Assert.StartsWith("Storage:TablePrefix must be empty", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("t1a2b3")]
    [InlineData("Staging")]
    public void Validate_ValidTablePrefix_Succeeds(string prefix)
    {
        Assert.True(_validator.Validate(null, new StorageOptions { ConnectionString = "UseDevelopmentStorage=true", TablePrefix = prefix }).Succeeded);
    }
}
