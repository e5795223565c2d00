using TrustBot.Core.Messaging;

namespace TrustBot.Core.Delivery;

/// <summary>
/// What this process knows of the replies it queued: per conversation the latest one not yet sent, and per reply
/// whether its sender has finished. <see cref="ReplyOutbox"/> names that latest reply in the next one's
/// <see cref="ReplyBatch.After"/>, and <see cref="ReplySender"/> waits for it, so two messages of one conversation are
/// answered in the order they arrived even when their replies wait in the outbox together.
/// </summary>
/// <remarks>
/// Memory only, and only a shortcut: a reply queued or sent by another instance (or before a restart) is unknown here,
/// and the sender then asks the idempotency store instead. Entries are forgotten after <see cref="PendingMemory"/>
/// (queued, never seen sent: another instance took it) or <see cref="SettledMemory"/> (sent), so memory stays bounded.
/// </remarks>
public sealed class ReplyLine(TimeProvider timeProvider)
{
    /// <summary>Longer than any backlog the pacer drains in practice (15 minutes at 50 sends a second is 45,000 replies).</summary>
    public static readonly TimeSpan PendingMemory = TimeSpan.FromMinutes(15);

    /// <summary>Long enough for the next reply's sender to see it settled without asking storage.</summary>
    public static readonly TimeSpan SettledMemory = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan PruneInterval = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _latestByConversation = new(StringComparer.Ordinal);
    private DateTimeOffset _nextPrune = timeProvider.GetUtcNow() + PruneInterval;

    /// <summary>The conversation a reply's order is kept in: one chat, or one channel thread.</summary>
    public static string ConversationOf(ConversationAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.TenantId + "\n" + address.ConversationId;
    }

    /// <summary>The key of the latest reply queued here for <paramref name="conversation"/> whose sender has not finished.</summary>
    public string? Unsettled(string conversation)
    {
        lock (_gate)
        {
            return _latestByConversation.TryGetValue(conversation, out var key) && _byKey.TryGetValue(key, out var entry) && !entry.IsSettled
                ? key
                : null;
        }
    }

    /// <summary>Records that the reply <paramref name="key"/> to <paramref name="conversation"/> is in the outbox.</summary>
    public void Queued(string conversation, string key)
    {
        lock (_gate)
        {
            var now = timeProvider.GetUtcNow();
            PruneIfDue(now);

            // A repeat of a pending reply (the same activity delivered again) keeps the first entry and its waiters.
            if (!_byKey.TryGetValue(key, out var entry) || entry.IsSettled)
            {
                _byKey[key] = new Entry(conversation, now);
            }

            _latestByConversation[conversation] = key;
        }
    }

    /// <summary>Records that the sender of <paramref name="key"/> has finished; wakes whoever waits for it.</summary>
    public void Settled(string key)
    {
        Entry? entry;
        lock (_gate)
        {
            if (!_byKey.TryGetValue(key, out entry) || entry.IsSettled)
            {
                return;
            }

            entry.SettledAt = timeProvider.GetUtcNow();
            if (_latestByConversation.TryGetValue(entry.Conversation, out var latest) && latest == key)
            {
                _latestByConversation.Remove(entry.Conversation);
            }
        }

        entry.Done.TrySetResult();
    }

    /// <summary>
    /// Forgets <paramref name="key"/>, which never reached the outbox, and makes <paramref name="previous"/> the
    /// conversation's latest unsent reply again; whoever waits for it goes ahead.
    /// </summary>
    public void Withdraw(string conversation, string key, string? previous)
    {
        Entry? entry;
        lock (_gate)
        {
            if (_byKey.Remove(key, out entry) && _latestByConversation.TryGetValue(conversation, out var latest) && latest == key)
            {
                if (previous is not null && _byKey.TryGetValue(previous, out var earlier) && !earlier.IsSettled)
                {
                    _latestByConversation[conversation] = previous;
                }
                else
                {
                    _latestByConversation.Remove(conversation);
                }
            }
        }

        entry?.Done.TrySetResult();
    }

    public ReplyState StateOf(string key)
    {
        lock (_gate)
        {
            return !_byKey.TryGetValue(key, out var entry) ? ReplyState.Unknown : entry.IsSettled ? ReplyState.Settled : ReplyState.Pending;
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for the sender of <paramref name="key"/> to finish here; true when it has,
    /// false when it has not or the reply is unknown here.
    /// </summary>
    public async Task<bool> WaitSettledAsync(string key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task done;
        lock (_gate)
        {
            if (!_byKey.TryGetValue(key, out var entry))
            {
                return false;
            }

            done = entry.Done.Task;
        }

        try
        {
            await done.WaitAsync(timeout, timeProvider, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>How many replies this process currently remembers (bounded by pruning).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byKey.Count;
            }
        }
    }

    private void PruneIfDue(DateTimeOffset now)
    {
        if (now < _nextPrune)
        {
            return;
        }

        _nextPrune = now + PruneInterval;
        var forgotten = _byKey
            .Where(p => p.Value.SettledAt is { } settledAt ? now - settledAt > SettledMemory : now - p.Value.QueuedAt > PendingMemory)
            .ToList();
        foreach (var (key, entry) in forgotten)
        {
            _byKey.Remove(key);
            if (_latestByConversation.TryGetValue(entry.Conversation, out var latest) && latest == key)
            {
                _latestByConversation.Remove(entry.Conversation);
            }

            // A waiter on a forgotten reply goes ahead rather than wait out its bound for nothing.
            entry.Done.TrySetResult();
        }
    }

    private sealed class Entry(string conversation, DateTimeOffset queuedAt)
    {
        public string Conversation { get; } = conversation;

        public DateTimeOffset QueuedAt { get; } = queuedAt;

        public DateTimeOffset? SettledAt { get; set; }

        public bool IsSettled => SettledAt is not null;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
