using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Messaging;
using TrustBot.Core.Retention;

namespace TrustBot.Core.Installations;

/// <summary>The privacy notice for one installation, with the threshold and retention periods actually in force.</summary>
public sealed class PrivacyNotice(IOptions<AnonymityOptions> anonymity, IOptions<RetentionOptions> retention)
{
    public JsonObject Build(Installation installation)
    {
        ArgumentNullException.ThrowIfNull(installation);
        return Build(installation.Kind, ThresholdOf(installation));
    }

    /// <summary>The notice for a place without a stored installation (the service default threshold).</summary>
    public JsonObject Build(ConversationKind kind, int? threshold = null) =>
        Build(kind, AnonymityThresholds.Of(threshold ?? anonymity.Value.DefaultThreshold));

    /// <summary>The notice with the given k: in a leader's 1:1 chat, one per team they lead.</summary>
    public JsonObject Build(ConversationKind kind, AnonymityThresholds thresholds) =>
        PrivacyCard.Build(kind, thresholds, retention.Value.NotesMaxAge, retention.Value.RemovedTeamGracePeriod);

    /// <summary>The k in force for an installation: its own, else the service default.</summary>
    public int ThresholdOf(Installation installation)
    {
        ArgumentNullException.ThrowIfNull(installation);
        return installation.ThresholdOr(anonymity.Value.DefaultThreshold);
    }
}
