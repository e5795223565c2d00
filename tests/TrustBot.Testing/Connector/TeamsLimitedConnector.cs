using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace TrustBot.Testing.Connector;

/// <summary>
/// A loopback Bot Connector stand-in that enforces Teams' rate limits (<see cref="TeamsRateLimits"/>) on arrival and
/// answers <c>429</c> with an honest <c>Retry-After</c> when a request exceeds one; throttled requests are neither
/// delivered nor counted against the windows. Serves create-conversation (1:1, idempotent per member; a channel thread),
/// send, reply, update and paged members, records what it delivered, and can fail chosen conversations or users.
/// One instance stands for one app in one tenant. Thread-safe.
/// </summary>
public sealed partial class TeamsLimitedConnector : IAsyncDisposable
{
    /// <summary>Teams treats a smaller <c>pageSize</c> as this.</summary>
    public const int MinPageSize = 50;

    /// <summary>Teams caps <c>pageSize</c> at this.</summary>
    public const int MaxPageSize = 500;

    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly ArrivalLog _appLog;
    private readonly Dictionary<string, ArrivalLog> _sendLogs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ArrivalLog> _createLogs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ArrivalLog> _memberLogs = new(StringComparer.Ordinal);
    private readonly List<DeliveredActivity> _delivered = [];
    private readonly Dictionary<string, List<DeliveredActivity>> _deliveredByConversation = new(StringComparer.Ordinal);
    private readonly List<DeliveredActivity> _updates = [];
    private readonly List<ThrottledRequest> _throttled = [];
    private readonly Dictionary<string, (int Remaining, int StatusCode)> _faults = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _goneConversations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<JsonObject>> _rosters = new(StringComparer.Ordinal);
    private readonly List<(int Count, TaskCompletionSource Signal)> _deliveryWaiters = [];
    private WebApplication? _app;
    private volatile string? _expectedBearerToken;
    private int _requestCount;
    private int _createdCount;
    private int _errorCount;

    private TeamsLimitedConnector(TeamsRateLimits limits, TimeProvider timeProvider)
    {
        Limits = limits;
        _timeProvider = timeProvider;
        _appLog = new ArrivalLog(limits.PerApp, timeProvider.TimestampFrequency);
    }

    /// <summary>The base URL to use as the <c>serviceUrl</c>, with a trailing <c>/</c>.</summary>
    public string ServiceUrl { get; private set; } = string.Empty;

    /// <summary>The limits enforced.</summary>
    public TeamsRateLimits Limits { get; }

    /// <summary>When set, requests with another bearer token get <c>401</c> (counted as errors, not against limits).</summary>
    public string? ExpectedBearerToken
    {
        get => _expectedBearerToken;
        set => _expectedBearerToken = value;
    }

    /// <summary>The page size used when a <c>pagedmembers</c> request names none.</summary>
    public int DefaultPageSize { get; set; } = 100;

    /// <summary>Every request received, whatever its answer.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>Messages accepted by send or reply (and first messages of creates).</summary>
    public int DeliveredCount
    {
        get
        {
            lock (_gate)
            {
                return _delivered.Count;
            }
        }
    }

    /// <summary>Updates accepted.</summary>
    public int UpdateCount
    {
        get
        {
            lock (_gate)
            {
                return _updates.Count;
            }
        }
    }

    /// <summary>Create-conversation calls answered <c>201</c> (a repeated 1:1 create counts again).</summary>
    public int CreatedCount => Volatile.Read(ref _createdCount);

    /// <summary><c>429</c> answers sent.</summary>
    public int ThrottledCount
    {
        get
        {
            lock (_gate)
            {
                return _throttled.Count;
            }
        }
    }

    /// <summary>Other error answers sent (injected faults, gone recipients, 400, 401, 404).</summary>
    public int ErrorCount => Volatile.Read(ref _errorCount);

    /// <summary>A snapshot of the delivered messages (not updates), in arrival order.</summary>
    public IReadOnlyList<DeliveredActivity> Delivered
    {
        get
        {
            lock (_gate)
            {
                return [.. _delivered];
            }
        }
    }

    /// <summary>A snapshot of the delivered messages per conversation id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DeliveredActivity>> DeliveredByConversation
    {
        get
        {
            lock (_gate)
            {
                return _deliveredByConversation.ToDictionary(
                    p => p.Key, p => (IReadOnlyList<DeliveredActivity>)[.. p.Value], StringComparer.Ordinal);
            }
        }
    }

    /// <summary>A snapshot of the accepted updates, in arrival order.</summary>
    public IReadOnlyList<DeliveredActivity> Updates
    {
        get
        {
            lock (_gate)
            {
                return [.. _updates];
            }
        }
    }

    /// <summary>A snapshot of the requests answered <c>429</c>, in arrival order.</summary>
    public IReadOnlyList<ThrottledRequest> Throttled
    {
        get
        {
            lock (_gate)
            {
                return [.. _throttled];
            }
        }
    }

    /// <summary>Starts a stand-in on a free loopback port, enforcing <paramref name="limits"/> (Teams' by default).</summary>
    public static async Task<TeamsLimitedConnector> StartAsync(
        TeamsRateLimits? limits = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var connector = new TeamsLimitedConnector(limits ?? TeamsRateLimits.Teams, timeProvider ?? TimeProvider.System);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(connector.HandleAsync);
        await app.StartAsync(cancellationToken);
        connector._app = app;
        connector.ServiceUrl = app.Urls.Single().TrimEnd('/') + "/";
        return connector;
    }

    /// <summary>The 1:1 conversation id the stand-in gives the chat with <paramref name="userId"/> (stable: <c>a:</c> + a hash).</summary>
    public static string PersonalConversationId(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(userId));
        return "a:" + Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }

    /// <summary>
    /// Sets the roster served by <c>pagedmembers</c> for <paramref name="conversationId"/>, or for every conversation
    /// without its own when null. Build members with <see cref="StubConnector.Member"/>.
    /// </summary>
    public void SetRoster(IEnumerable<JsonObject> members, string? conversationId = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        lock (_gate)
        {
            _rosters[conversationId ?? string.Empty] = members.Select(m => (JsonObject)m.DeepClone()).ToList();
        }
    }

    /// <summary>
    /// Answers the next <paramref name="count"/> admitted requests for <paramref name="conversationId"/> (for a create:
    /// the chat it resolves to) with <paramref name="statusCode"/> instead of processing them. They still count against
    /// the limits, as Teams saw them.
    /// </summary>
    public void FailFirst(string conversationId, int count, int statusCode = 503)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        lock (_gate)
        {
            _faults[conversationId] = (count, statusCode);
        }
    }

    /// <summary>
    /// Makes <paramref name="userId"/> unreachable: creating a chat with them and sending to their 1:1 chat get
    /// <paramref name="statusCode"/> (403 <c>BotNotInConversationRoster</c> or 404 <c>ConversationNotFound</c>).
    /// </summary>
    public void MarkGone(string userId, int statusCode = 403)
    {
        lock (_gate)
        {
            _goneConversations[PersonalConversationId(userId)] = statusCode;
        }
    }

    /// <summary>The delivered messages (not updates) in <paramref name="conversationId"/>, in arrival order.</summary>
    public IReadOnlyList<DeliveredActivity> DeliveredTo(string conversationId)
    {
        lock (_gate)
        {
            return _deliveredByConversation.TryGetValue(conversationId, out var list) ? [.. list] : [];
        }
    }

    /// <summary>
    /// How many delivered messages repeat an earlier one's identity (the sum of count − 1 per identity).
    /// <paramref name="identity"/> gets a fresh parse of each activity; null means "no identity, never a duplicate".
    /// </summary>
    public int Duplicates(Func<JsonObject, string?> identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return Delivered
            .Select(d => identity(d.Parse()))
            .Where(id => id is not null)
            .GroupBy(id => id, StringComparer.Ordinal)
            .Sum(g => g.Count() - 1);
    }

    /// <summary>
    /// Completes once at least <paramref name="count"/> messages are delivered. The timeout runs on the real clock, so a
    /// test on a fake clock cannot hang.
    /// </summary>
    /// <exception cref="TimeoutException">Fewer arrived within <paramref name="timeout"/>.</exception>
    public async Task WaitForDeliveredAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_delivered.Count >= count)
            {
                return;
            }

            _deliveryWaiters.Add((count, signal));
        }

        try
        {
            await signal.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                _deliveryWaiters.RemoveAll(w => w.Signal == signal);
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"{_delivered.Count} of {count} messages delivered within {timeout} ({_throttled.Count} throttled, {_errorCount} errors)."));
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
