using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace TrustBot.Testing.Connector;

/// <summary>
/// A fake Bot Connector on <c>http://127.0.0.1:&lt;free port&gt;</c>: implements send, reply, update, delete,
/// create-conversation and paged members; records every request; answers like Teams (<c>201 {"id"}</c>, …) unless
/// scripted. Scripted answers are consumed first (one-shot, in order, first matching), then standing answers
/// (<see cref="RespondAlways"/>), then the default behaviour. Thread-safe.
/// </summary>
public sealed partial class StubConnector : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<(Func<RecordedRequest, bool>? When, StubResponse Response)> _oneShot = [];
    private readonly List<(Func<RecordedRequest, bool>? When, StubResponse Response)> _standing = [];
    private readonly List<(Func<RecordedRequest, bool> Predicate, TaskCompletionSource<RecordedRequest> Signal)> _waiters = [];
    private readonly TimeProvider _timeProvider;
    private WebApplication? _app;
    private volatile string? _expectedBearerToken;

    private StubConnector(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
    }

    /// <summary>The base URL to use as the activity <c>serviceUrl</c>, with a trailing <c>/</c>.</summary>
    public string ServiceUrl { get; private set; } = string.Empty;

    /// <summary>When set, requests whose bearer token differs get <c>401</c> (and are still recorded).</summary>
    public string? ExpectedBearerToken
    {
        get => _expectedBearerToken;
        set => _expectedBearerToken = value;
    }

    /// <summary>A snapshot of every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts a stub on a free loopback port.</summary>
    public static async Task<StubConnector> StartAsync(TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var stub = new StubConnector(timeProvider ?? TimeProvider.System);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(stub.HandleAsync);
        await app.StartAsync(cancellationToken);
        stub._app = app;
        stub.ServiceUrl = app.Urls.Single().TrimEnd('/') + "/";
        return stub;
    }

    /// <summary>Answers the next matching request (any, when <paramref name="when"/> is null) with <paramref name="response"/>.</summary>
    public void EnqueueResponse(StubResponse response, Func<RecordedRequest, bool>? when = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        lock (_gate)
        {
            _oneShot.Add((when, response));
        }
    }

    /// <summary>Answers the next matching request with <paramref name="statusCode"/> and a typical error body.</summary>
    public void EnqueueResponse(int statusCode, TimeSpan? retryAfter = null, Func<RecordedRequest, bool>? when = null) =>
        EnqueueResponse(StubResponse.ForStatus(statusCode, retryAfter), when);

    /// <summary>Fails the next <paramref name="count"/> matching requests, e.g. <c>FailNext(2, 429, TimeSpan.FromSeconds(1))</c>.</summary>
    public void FailNext(int count, int statusCode, TimeSpan? retryAfter = null, Func<RecordedRequest, bool>? when = null)
    {
        for (var i = 0; i < count; i++)
        {
            EnqueueResponse(statusCode, retryAfter, when);
        }
    }

    /// <summary>Answers every matching request with <paramref name="response"/> until <see cref="Reset"/>; the latest registration wins.</summary>
    public void RespondAlways(StubResponse response, Func<RecordedRequest, bool>? when = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        lock (_gate)
        {
            _standing.Insert(0, (when, response));
        }
    }

    /// <summary>Forgets recorded requests, scripted answers, the roster and the expected token.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
            _oneShot.Clear();
            _standing.Clear();
            _rosters.Clear();
            _personalConversations.Clear();
        }

        ExpectedBearerToken = null;
    }

    /// <summary>Returns the first request (already received or still to come) matching <paramref name="predicate"/>.</summary>
    /// <exception cref="TimeoutException">No such request arrived within <paramref name="timeout"/>.</exception>
    public async Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool> predicate, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var signal = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var existing = _requests.FirstOrDefault(predicate);
            if (existing is not null)
            {
                return existing;
            }

            _waiters.Add((predicate, signal));
        }

        try
        {
            return await signal.Task.WaitAsync(timeout, _timeProvider);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                _waiters.RemoveAll(w => w.Signal == signal);
                throw new TimeoutException(
                    $"No matching Connector request within {timeout}; received: {string.Join("; ", _requests)}");
            }
        }
    }

    /// <summary>Builds a roster member object (<c>id</c>, <c>name</c>, <c>aadObjectId</c>).</summary>
    public static JsonObject Member(string id, string? name = null, string? aadObjectId = null)
    {
        var member = new JsonObject { ["id"] = id };
        if (name is not null)
        {
            member["name"] = name;
        }

        if (aadObjectId is not null)
        {
            member["aadObjectId"] = aadObjectId;
        }

        return member;
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

    private StubResponse? TakeScripted(RecordedRequest request)
    {
        lock (_gate)
        {
            var index = _oneShot.FindIndex(s => s.When is null || s.When(request));
            if (index >= 0)
            {
                var response = _oneShot[index].Response;
                _oneShot.RemoveAt(index);
                return response;
            }

            return _standing.FirstOrDefault(s => s.When is null || s.When(request)).Response;
        }
    }

    private void Record(RecordedRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
            foreach (var waiter in _waiters.Where(w => w.Predicate(request)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult(request);
            }
        }
    }

    private static string RetryAfterSeconds(TimeSpan retryAfter) =>
        ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
