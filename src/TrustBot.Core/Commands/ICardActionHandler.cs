using System.Text.Json.Nodes;
using TrustBot.Core.Cards;

namespace TrustBot.Core.Commands;

/// <summary>Handles the card verbs it names and returns the card the acting person sees next.</summary>
public interface ICardActionHandler
{
    IReadOnlyCollection<string> Verbs { get; }

    Task<JsonObject> HandleAsync(CardAction action, CancellationToken cancellationToken);

    /// <summary>
    /// The card the person sees instead when storage could not be reached during <see cref="HandleAsync"/>: it says
    /// nothing was saved and, where it can, offers a button that tries again. Must not touch storage. The default has
    /// no button; a handler whose card would otherwise be lost for good should offer one.
    /// </summary>
    JsonObject WhenStorageUnavailable(CardAction action) => StorageOutageViews.NothingSaved();
}
