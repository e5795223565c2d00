using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Cards;
using TrustBot.Core.Retention;

namespace TrustBot.Core.Installations;

/// <summary>The privacy notice for one installation, with the threshold and retention periods actually in force.</summary>
public sealed class PrivacyNotice(IOptions<AnonymityOptions> anonymity, IOptions<RetentionOptions> retention)
{
    public JsonObject Build(Installation installation)
    {
        ArgumentNullException.ThrowIfNull(installation);
        return Build(installation.Kind, installation.ThresholdOr(anonymity.Value.DefaultThreshold));
    }

    /// <summary>The notice for a place without a stored installation (the service default threshold).</summary>
    public JsonObject Build(ConversationKind kind, int? threshold = null) =>
        PrivacyCard.Build(
            kind, threshold ?? anonymity.Value.DefaultThreshold, retention.Value.NotesMaxAge, retention.Value.RemovedTeamGracePeriod);
}
