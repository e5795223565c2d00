using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Digests;

/// <summary>Sends one leader's weekly digest into their private chat, opening it when needed.</summary>
public sealed class DigestSender(
    IInstallationStore installations,
    ILeaderStore leaders,
    LeaderChats chats,
    DigestComposer composer,
    IBotMessenger messenger,
    TimeProvider timeProvider,
    ILogger<DigestSender> logger) : IOutboundHandler
{
    public string Kind => OutboundKinds.Digest;

    public async Task<DeliveryResult> SendAsync(OutboundSend send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        var team = await installations.GetAsync(send.TenantId, send.InstallationKey, cancellationToken);
        if (team is not { IsActiveTeam: true })
        {
            return NothingToDo("team gone");
        }

        var leader = string.IsNullOrEmpty(send.RecipientId)
            ? null
            : await leaders.GetAsync(send.TenantId, send.InstallationKey, send.RecipientId, cancellationToken);
        if (leader is null || leader.Unreachable)
        {
            return NothingToDo("leader gone or unreachable");
        }

        var (address, opened) = await chats.EnsureAsync(leader, cancellationToken);
        if (address is null)
        {
            DigestsLog.DigestSent(logger, opened.Outcome);
            return opened;
        }

        var digest = await composer.ComposeAsync(team, leader.UserId, AsOf(send.PayloadJson), cancellationToken);
        var result = await messenger.SendCardAsync(address, DigestCard.Build(digest), DigestCard.Summary, cancellationToken);
        if (result.Outcome == DeliveryOutcome.RecipientGone)
        {
            await chats.MarkUnreachableAsync(leader, cancellationToken);
        }

        DigestsLog.DigestSent(logger, result.Outcome);
        return result;
    }

    /// <summary>The instant the occurrence was due, so a retried send shows the same week; now when unreadable.</summary>
    private DateTimeOffset AsOf(string payloadJson)
    {
        var now = timeProvider.GetUtcNow();
        try
        {
            if (JsonNode.Parse(payloadJson) is JsonObject payload
                && payload[DigestJob.AsOfKey] is JsonValue value
                && value.TryGetValue<string>(out var text)
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var asOf)
                && asOf <= now)
            {
                return asOf;
            }
        }
        catch (JsonException)
        {
            // A payload that is not JSON falls back to now, like one without the key.
        }

        return now;
    }

    private DeliveryResult NothingToDo(string reason)
    {
        DigestsLog.DigestNothingToDo(logger, reason);
        return new DeliveryResult(DeliveryOutcome.Delivered, Detail: reason);
    }
}
