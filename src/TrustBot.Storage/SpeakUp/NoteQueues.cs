using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using TrustBot.Storage.Hosting;

namespace TrustBot.Storage.SpeakUp;

/// <summary>
/// The delay queue of pending notes and its poison queue. Queue names must be 3–63 lowercase letters, digits and
/// single dashes, so <see cref="StorageOptions.TablePrefix"/> (letters and digits) is prepended in lower case.
/// </summary>
internal sealed class NoteQueues
{
    public const string MainName = "speakup-notes";
    public const string PoisonName = "speakup-notes-poison";

    public NoteQueues(QueueServiceClient queueService, IOptions<StorageOptions> options)
    {
        var prefix = options.Value.TablePrefix;
        Main = queueService.GetQueueClient(QueueName(prefix, MainName));
        Poison = queueService.GetQueueClient(QueueName(prefix, PoisonName));
    }

    public QueueClient Main { get; }

    public QueueClient Poison { get; }

    public IReadOnlyList<QueueClient> All => [Main, Poison];

    public static string QueueName(string? prefix, string name)
    {
        var full = (prefix ?? "").ToLowerInvariant() + name;
        if (!IsQueueName(full))
        {
            throw new ArgumentException(
                $"'{full}' is not a valid queue name: 3 to 63 lowercase letters, digits and single dashes, " +
                "starting and ending with a letter or digit. Check Storage:TablePrefix.", nameof(prefix));
        }

        return full;
    }

    private static bool IsQueueName(string value) =>
        value.Length is >= 3 and <= 63 &&
        char.IsAsciiLetterOrDigit(value[0]) &&
        char.IsAsciiLetterOrDigit(value[^1]) &&
        !value.Contains("--", StringComparison.Ordinal) &&
        value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
