namespace TrustBot.Core.Commands;

/// <summary>What a command gets to work with.</summary>
/// <param name="Message">The message that named the command.</param>
/// <param name="Arguments">The text after the command word, trimmed; empty when there is none.</param>
/// <param name="Commands">Every registered command, in registration order (for help).</param>
public sealed record CommandContext(IncomingMessage Message, string Arguments, IReadOnlyList<ICommand> Commands);
