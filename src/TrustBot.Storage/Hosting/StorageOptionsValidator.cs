using Microsoft.Extensions.Options;

namespace TrustBot.Storage.Hosting;

/// <summary>Fails start-up with a message that says which setting to fix, instead of a client error later.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    // Table names allow 3–63 letters and digits starting with a letter; the longest base name is
    // well under 20 characters, so 40 leaves room for every table yet to come.
    private const int MaxPrefixLength = 40;

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        var hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        var hasAccountName = !string.IsNullOrWhiteSpace(options.AccountName);

        if (!hasConnectionString && !hasAccountName)
        {
            failures.Add(
                "Storage is not configured: set Storage:ConnectionString (Azurite or an account key) " +
                "or Storage:AccountName (managed identity). Locally, ./tools/run.sh starts Azurite and sets it for you.");
        }
        else if (hasConnectionString && hasAccountName)
        {
            failures.Add("Set either Storage:ConnectionString or Storage:AccountName, not both.");
        }

        if (hasAccountName && !IsAccountName(options.AccountName!))
        {
            failures.Add("Storage:AccountName must be 3 to 24 lowercase letters and digits.");
        }

        if (options.TableEndpoint is { IsAbsoluteUri: false })
        {
            failures.Add("Storage:TableEndpoint must be an absolute URI.");
        }

        if (options.QueueEndpoint is { IsAbsoluteUri: false })
        {
            failures.Add("Storage:QueueEndpoint must be an absolute URI.");
        }

        if (!IsTablePrefix(options.TablePrefix))
        {
            failures.Add(
                $"Storage:TablePrefix must be empty, or up to {MaxPrefixLength} letters and digits starting with a letter.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsAccountName(string value) =>
        value.Length is >= 3 and <= 24 && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));

    private static bool IsTablePrefix(string? value) =>
        string.IsNullOrEmpty(value) ||
        (value.Length <= MaxPrefixLength && char.IsAsciiLetter(value[0]) && value.All(char.IsAsciiLetterOrDigit));
}
