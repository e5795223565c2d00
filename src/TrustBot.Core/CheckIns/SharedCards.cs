using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrustBot.Core.Delivery;

namespace TrustBot.Core.CheckIns;

/// <summary>
/// The refresh of a check-in's shared channel card as an outbox send: queued by the fold that moved its counts and by
/// its close, made by <see cref="SharedCardSender"/>. The idempotency key names the check-in and the version the
/// refresh is for (one fold time, or the close), so each version is sent once however many instances or reruns queue
/// it, and it names tenant and team, so erasing the team finds it.
/// </summary>
public static class SharedCards
{
    /// <summary>The outbox send kind.</summary>
    public const string SendKind = "checkin-card";

    private const string CheckInKey = "checkInId";

    /// <summary>The refresh after the fold at <paramref name="foldTime"/>.</summary>
    public static OutboundSend AfterFold(CheckIn checkIn, DateTimeOffset foldTime) =>
        Refresh(checkIn, "fold-" + foldTime.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));

    /// <summary>The refresh that turns the card into its closed view.</summary>
    public static OutboundSend AtClose(CheckIn checkIn) => Refresh(checkIn, "closed");

    /// <summary>The check-in a refresh names; null when the payload is not a refresh.</summary>
    public static string? ReadCheckInId(string payloadJson)
    {
        try
        {
            var id = (JsonNode.Parse(payloadJson) as JsonObject)?[CheckInKey]?.GetValue<string>();
            return string.IsNullOrEmpty(id) ? null : id;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static OutboundSend Refresh(CheckIn checkIn, string version)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        var key = $"{SendKind}:{checkIn.TenantId}:{checkIn.InstallationKey}:{checkIn.CheckInId}:{version}";
        var payload = new JsonObject { [CheckInKey] = checkIn.CheckInId };
        return new OutboundSend(key, SendKind, checkIn.TenantId, checkIn.InstallationKey, RecipientId: null, payload.ToJsonString());
    }
}
