using Microsoft.Extensions.Logging;

namespace TrustBot.Core.Commands;

/// <summary>
/// Runs the command named by the first word of a message. Every message gets an answer: an empty message or a
/// greeting gets help, anything else not understood gets a short pointer to help. Replies are collected in
/// <see cref="MessageReplies"/>; the host queues them once the message is handled.
/// </summary>
public sealed class MessageHandler
{
    public const string NotUnderstoodReply = "I didn't catch that. Type **help** to see what I can do.";

    /// <summary>The command an empty message runs; the help command registers under this word.</summary>
    public const string HelpWord = "help";

    // Trailing punctuation people add to a command word ("help?", "hi!").
    private static readonly char[] TrailingPunctuation = ['.', ',', '!', '?', ':', ';'];

    private readonly IReadOnlyList<ICommand> _commands;
    private readonly Dictionary<string, ICommand> _byWord = new(StringComparer.OrdinalIgnoreCase);
    private readonly MessageReplies _replies;
    private readonly ILogger<MessageHandler> _logger;
    private readonly IReadOnlyList<IMessageObserver> _observers;

    public MessageHandler(IEnumerable<ICommand> commands, MessageReplies replies, ILogger<MessageHandler> logger, IEnumerable<IMessageObserver>? observers = null)
    {
        ArgumentNullException.ThrowIfNull(commands);
        _commands = commands.ToList();
        _replies = replies;
        _logger = logger;
        _observers = observers?.ToList() ?? [];

        // Names first, so an alias of a later command can never shadow another command's name.
        foreach (var command in _commands)
        {
            _byWord.TryAdd(command.Name, command);
        }

        foreach (var command in _commands)
        {
            foreach (var alias in command.Aliases)
            {
                _byWord.TryAdd(alias, command);
            }
        }
    }

    /// <summary>The registered commands, in registration order.</summary>
    public IReadOnlyList<ICommand> Commands => _commands;

    public async Task HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var observer in _observers)
        {
            await observer.OnMessageAsync(message, cancellationToken);
        }

        var (word, arguments) = Split(message.Text);
        var command = Resolve(word.Length == 0 ? HelpWord : word);
        if (command is null)
        {
            CommandsLog.CommandNotUnderstood(_logger, message.Kind);
            _replies.Text(NotUnderstoodReply);
            return;
        }

        CommandsLog.CommandRunning(_logger, command.Name, message.Kind);
        await command.HandleAsync(new CommandContext(message, arguments, _commands), cancellationToken);
    }

    private ICommand? Resolve(string word) => _byWord.GetValueOrDefault(word);

    private static (string Word, string Arguments) Split(string? text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        var end = 0;
        while (end < trimmed.Length && !char.IsWhiteSpace(trimmed[end]))
        {
            end++;
        }

        var word = trimmed[..end].TrimEnd(TrailingPunctuation);
        return (word, trimmed[end..].Trim());
    }
}
