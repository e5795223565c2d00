using Microsoft.Extensions.Options;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Commands;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Leaders;

/// <summary>
/// The k a reply should name where a message was typed: the team's (or chat's) own in its channel; in a 1:1 chat
/// the k of each team the person leads; the service default where no team applies.
/// </summary>
public sealed class ThresholdsInForce(InstallationResolver installations, IOptions<AnonymityOptions> anonymity)
{
    /// <summary>The service default, for a place with no team, or when the team could not be read.</summary>
    public AnonymityThresholds ServiceDefault => AnonymityThresholds.Of(anonymity.Value.DefaultThreshold);

    public async Task<AnonymityThresholds> HereAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var fallback = anonymity.Value.DefaultThreshold;
        if (message.Kind == ConversationKind.Personal)
        {
            var teams = await installations.LedTeamsAsync(message.TenantId, message.FromId, message.FromAadObjectId, cancellationToken);
            return teams.Count == 0
                ? ServiceDefault
                : AnonymityThresholds.PerTeam([.. teams.Select(t => (t.TeamName ?? "your team", t.ThresholdOr(fallback)))]);
        }

        var (here, _) = await installations.ResolveAsync(message, string.Empty, cancellationToken);
        return AnonymityThresholds.Of(here?.ThresholdOr(fallback) ?? fallback);
    }
}
