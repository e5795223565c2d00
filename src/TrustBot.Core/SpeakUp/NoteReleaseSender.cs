using Microsoft.Extensions.Logging;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.SpeakUp;

/// <summary>
/// Posts one page of one released group into the channel its prompt was posted to, for teams that share notes there.
/// The outbox worker makes it once per page; the group and its order come from storage, so a retry posts the same page.
/// </summary>
public sealed class NoteReleaseSender(
    ISpeakUpStore store,
    IInstallationStore installations,
    IBotMessenger messenger,
    ILogger<NoteReleaseSender> logger) : IOutboundHandler
{
    public string Kind => NoteReleases.SendKind;

    public async Task<DeliveryResult> SendAsync(OutboundSend send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        var post = NoteReleases.ReadPost(send.PayloadJson);
        var session = post is { } p ? await store.GetSessionAsync(send.TenantId, p.SessionId, cancellationToken) : null;
        var team = session is null ? null : await installations.GetAsync(session.TenantId, session.InstallationKey, cancellationToken);
        if (post is not { } named || session is null || team is not { IsActiveTeam: true, ShareNotesInChannel: true })
        {
            // Nothing to post any more: the team stopped sharing, left, or the prompt was erased.
            return new DeliveryResult(DeliveryOutcome.Delivered);
        }

        var notes = new List<Note>();
        await foreach (var note in store.ListNotesAsync(session.TenantId, session.SessionId, cancellationToken))
        {
            notes.Add(note);
        }

        var prompt = PromptLibrary.Default.Find(session.PromptId)?.Text;
        var pages = NoteReleaseCard.Pages(prompt, NoteReleases.TextsOf(notes, named.Release), session.Threshold);
        if (named.Page >= pages.Count)
        {
            return new DeliveryResult(DeliveryOutcome.Delivered);
        }

        var address = new ConversationAddress(session.TenantId, team.ServiceUrl, session.ConversationId, team.BotId);
        var result = await messenger.SendCardAsync(address, pages[named.Page], NoteReleaseCard.Summary, cancellationToken);
        if (!result.IsDelivered)
        {
            SpeakUpLog.ReleaseNotPosted(logger, result.Outcome);
        }

        return result;
    }
}
