using System.Text.Json.Nodes;

namespace TrustBot.Core.Commands;

/// <summary>Handles the card verbs it names and returns the card the acting person sees next.</summary>
public interface ICardActionHandler
{
    IReadOnlyCollection<string> Verbs { get; }

    Task<JsonObject> HandleAsync(CardAction action, CancellationToken cancellationToken);
}
