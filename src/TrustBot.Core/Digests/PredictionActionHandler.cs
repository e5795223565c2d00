using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using TrustBot.Core.Cards;
using TrustBot.Core.Commands;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;

namespace TrustBot.Core.Digests;

/// <summary>
/// Saves a leader's prediction of the team's next score from the digest card. Card data is untrusted: only a leader
/// of the named team (looked up in the activity's own tenant) may predict, and only a whole number 0–100 is stored.
/// The digest is shown again, with a thank-you or with what to fix. Whether the check-in it will be compared with had
/// already shown results (or closed) is decided now and stored with it; such a prediction is kept but never compared.
/// </summary>
public sealed class PredictionActionHandler(
    ILeaderStore leaders,
    IInstallationStore installations,
    IPredictionStore predictions,
    PredictionTiming timing,
    DigestComposer composer,
    TimeProvider timeProvider,
    ILogger<PredictionActionHandler> logger) : ICardActionHandler
{
    public const string InvalidValueMessage = "Please enter a whole number from 0 to 100, then save again.";

    public IReadOnlyCollection<string> Verbs { get; } = [DigestVerbs.Predict];

    public async Task<JsonObject> HandleAsync(CardAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var teamKey = action.IdValue(DigestVerbs.TeamKey);
        if (string.IsNullOrWhiteSpace(teamKey) || string.IsNullOrEmpty(action.FromId))
        {
            return Refuse("missing-data", "This card doesn't say which team it is about. Your next digest will have a fresh one.");
        }

        var leader = await leaders.GetAsync(action.TenantId, teamKey, action.FromId, cancellationToken);
        if (leader is null)
        {
            return Refuse("not-a-leader", "Only a leader of this team can make a prediction for it.");
        }

        var team = await installations.GetAsync(action.TenantId, teamKey, cancellationToken);
        if (team is not { IsActiveTeam: true })
        {
            return Refuse("team-gone", "TrustBot is no longer installed in this team.");
        }

        var now = timeProvider.GetUtcNow();
        var digest = await composer.ComposeAsync(team, leader.UserId, AsOf(action, now), cancellationToken);
        if (ReadValue(action) is not { } value)
        {
            DigestsLog.PredictionRefused(logger, "invalid-value");
            return DigestCard.Build(digest, InvalidValueMessage);
        }

        var standing = await timing.StandingAsync(team, now, cancellationToken);
        await predictions.SaveAsync(team.TenantId, team.Key, leader.UserId, value, now, standing == PredictionStanding.BeforeResults, cancellationToken);
        DigestsLog.PredictionSaved(logger, standing);
        return DigestCard.Saved(digest, value, standing);
    }

    /// <summary>
    /// Nothing was saved; "Try again" sends the same prediction for the same digest again, which shows the digest once
    /// storage answers (the card in the chat is replaced by this one until then).
    /// </summary>
    public JsonObject WhenStorageUnavailable(CardAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var data = new Dictionary<string, string?>
        {
            [DigestVerbs.TeamKey] = action.Value(DigestVerbs.TeamKey),
            [DigestVerbs.AsOf] = action.Value(DigestVerbs.AsOf) ?? timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
        };

        // Only a valid number is carried; without one, trying again shows the digest asking for a valid number.
        if (ReadValue(action) is { } value)
        {
            data[DigestVerbs.PredictionInput] = value.ToString(CultureInfo.InvariantCulture);
        }

        var retry = StorageOutageViews.TryAgain(DigestVerbs.Predict, data);
        return StorageOutageViews.NotSaved(DigestCard.Summary, "Your prediction was not saved", retry);
    }

    /// <summary>A whole number 0–100 from the input (a string from most clients, a number from some), or null.</summary>
    internal static int? ReadValue(CardAction action)
    {
        if (!action.Data.TryGetPropertyValue(DigestVerbs.PredictionInput, out var node) || node is not JsonValue raw)
        {
            return null;
        }

        var text = raw.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => raw.GetValue<string>(),
            System.Text.Json.JsonValueKind.Number => raw.ToJsonString(),
            _ => null,
        };
        const NumberStyles Style = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign;
        if (text is null || text.Length > 20 || !decimal.TryParse(text, Style, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        return number == decimal.Truncate(number) && number >= Prediction.Min && number <= Prediction.Max ? (int)number : null;
    }

    // The digest is shown again for the week it described; a missing or future instant means now.
    private static DateTimeOffset AsOf(CardAction action, DateTimeOffset now) =>
        DateTimeOffset.TryParse(action.Value(DigestVerbs.AsOf), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var asOf) && asOf <= now
            ? asOf
            : now;

    private JsonObject Refuse(string reason, string message)
    {
        DigestsLog.PredictionRefused(logger, reason);
        return DigestCard.Problem(message);
    }
}
