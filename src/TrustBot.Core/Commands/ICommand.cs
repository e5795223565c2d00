namespace TrustBot.Core.Commands;

/// <summary>
/// One bot command, found by the first word of a message. Register implementations in DI as <see cref="ICommand"/>;
/// <see cref="MessageHandler"/> and the help card pick them up without further wiring.
/// </summary>
public interface ICommand
{
    /// <summary>The word that runs the command, one lower-case word such as <c>help</c>.</summary>
    string Name { get; }

    /// <summary>One line for the help card.</summary>
    string Description { get; }

    /// <summary>Other words that run the command; not listed in help.</summary>
    IReadOnlyCollection<string> Aliases => [];

    /// <summary>Only a team's leaders may run it; help shows it to leaders only.</summary>
    bool LeadersOnly => false;

    Task HandleAsync(CommandContext context, CancellationToken cancellationToken);
}
