using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrustBot.Core.Delivery;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.SpeakUp;

/// <summary>
/// The names that tie a session's releases to the scheduler and the outbox: one timetable job per session, and one
/// send per page of each released group that a team shares in its channel.
/// </summary>
public static class NoteReleases
{
    /// <summary>The timetable job kind; its subject is the session id.</summary>
    public const string JobKind = "note-release";

    /// <summary>The outbox send kind: one page of one released group, posted to the session's channel.</summary>
    public const string SendKind = "note-release";

    private const string SessionKey = "sessionId";
    private const string ReleaseKey = "release";
    private const string PageKey = "page";

    public static string JobName(string sessionId) => JobNames.For(JobKind, sessionId);

    /// <summary>The session's release job, first due one interval after it opens.</summary>
    public static TimetableEntry FirstEntry(SpeakUpSession session, SpeakUpOptions options)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        return new TimetableEntry(session.TenantId, session.InstallationKey, JobName(session.SessionId), session.OpensAt + options.ReleaseInterval);
    }

    /// <summary>
    /// The post of one page of one group. Its idempotency key names the group, not the occurrence that planned it, so
    /// that however many runs hand it over it is posted once; it names tenant and team, so erasing the team finds it.
    /// </summary>
    public static OutboundSend Post(SpeakUpSession session, int release, int page)
    {
        ArgumentNullException.ThrowIfNull(session);
        var key = string.Create(
            CultureInfo.InvariantCulture,
            $"{JobKind}:{session.TenantId}:{session.InstallationKey}:{session.SessionId}:{release}:{page}");
        var payload = new JsonObject { [SessionKey] = session.SessionId, [ReleaseKey] = release, [PageKey] = page };
        return new OutboundSend(key, SendKind, session.TenantId, session.InstallationKey, null, payload.ToJsonString());
    }

    /// <summary>
    /// The texts of one group in the order its pages carry them: by note id, which is random, so the order is random
    /// and yet the same on every read (a retried page holds the same notes).
    /// </summary>
    public static IReadOnlyList<string> TextsOf(IEnumerable<Note> notes, int release)
    {
        ArgumentNullException.ThrowIfNull(notes);
        return [.. notes.Where(n => n.Release == release).OrderBy(n => n.NoteId, StringComparer.Ordinal).Select(n => n.Text)];
    }

    /// <summary>The session, group and page a post names; null when the payload is not one.</summary>
    public static (string SessionId, int Release, int Page)? ReadPost(string payloadJson)
    {
        try
        {
            var payload = JsonNode.Parse(payloadJson) as JsonObject;
            var sessionId = payload?[SessionKey]?.GetValue<string>();
            var release = payload?[ReleaseKey]?.GetValue<int>();
            var page = payload?[PageKey]?.GetValue<int>();
            return string.IsNullOrEmpty(sessionId) || release is not > 0 || page is not >= 0 ? null : (sessionId, release.Value, page.Value);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
