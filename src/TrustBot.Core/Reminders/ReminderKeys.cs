using TrustBot.Core.Anonymity;

namespace TrustBot.Core.Reminders;

/// <summary>
/// The idempotency key of one member's reminder: a keyed hash of the member, from the check-in's salt and the service
/// secret, in a domain apart from the participation hash. Nobody can link it to a person without the salt, which is
/// destroyed when the check-in closes, and it can never be matched with a ballot row.
/// </summary>
public static class ReminderKeys
{
    private const string Domain = "reminder";

    public static string ForMember(ParticipationHasher hasher, byte[] salt, string tenantId, string checkInId, string aadObjectId)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentException.ThrowIfNullOrEmpty(checkInId);
        ArgumentException.ThrowIfNullOrEmpty(aadObjectId);
        return "reminder:" + checkInId + ":" + hasher.Hash(salt, tenantId, Domain + "|" + checkInId, aadObjectId);
    }
}
