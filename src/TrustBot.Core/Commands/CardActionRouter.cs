using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using TrustBot.Core.Cards;

namespace TrustBot.Core.Commands;

/// <summary>Routes a card action to the handler of its verb; an unknown verb gets a friendly card, never an error.</summary>
public sealed class CardActionRouter(IEnumerable<ICardActionHandler> handlers, ILogger<CardActionRouter> logger)
{
    private readonly Dictionary<string, ICardActionHandler> _byVerb = handlers
        .SelectMany(h => h.Verbs.Select(v => (Verb: v, Handler: h)))
        .ToDictionary(p => p.Verb, p => p.Handler, StringComparer.Ordinal);

    public Task<JsonObject> HandleAsync(CardAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (_byVerb.TryGetValue(action.Verb, out var handler))
        {
            return handler.HandleAsync(action, cancellationToken);
        }

        CommandsLog.UnknownCardVerb(logger);
        return Task.FromResult(ProblemView.Build(StorageOutageViews.Summary, "This card is out of date. Type **help** to see what I can do."));
    }

    /// <summary>The card that answers <paramref name="action"/> when storage could not be reached; reads no storage.</summary>
    public JsonObject StorageUnavailableCard(CardAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return _byVerb.TryGetValue(action.Verb, out var handler)
            ? handler.WhenStorageUnavailable(action)
            : StorageOutageViews.NothingSaved();
    }
}
