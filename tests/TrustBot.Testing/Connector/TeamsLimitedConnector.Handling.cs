using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using TrustBot.Protocol.Connector;

namespace TrustBot.Testing.Connector;

public sealed partial class TeamsLimitedConnector
{
    private long _nextActivityId = 1_700_000_000_000;
    private long _nextCorrelation;

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requestCount);
        var request = await ReadAsync(context);
        var answer = Decide(context, request);

        context.Response.StatusCode = answer.Response.StatusCode;
        context.Response.Headers["MS-CV"] = "limited." + Interlocked.Increment(ref _nextCorrelation).ToString(CultureInfo.InvariantCulture);
        if (answer.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        if (answer.Response.Body is { } body)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(body, context.RequestAborted);
        }
    }

    private Answer Decide(HttpContext context, Request request)
    {
        var expected = ExpectedBearerToken;
        if (expected is not null && context.Request.Headers.Authorization.ToString() != "Bearer " + expected)
        {
            return Error(StubResponse.ForStatus(401));
        }

        var (logs, windows, key, invalid) = ThreadOf(request);
        return invalid is not null ? Error(invalid) : Admit(request, logs, windows, key);
    }

    // Which per-thread log a request counts against. Creates count against the chat they resolve to, so a malformed
    // create is refused before it is counted.
    private (Dictionary<string, ArrivalLog>? Logs, IReadOnlyList<RateLimitWindow> Windows, string? Key, StubResponse? Invalid) ThreadOf(Request request)
    {
        switch (request.Operation)
        {
            case StubOperation.SendToConversation or StubOperation.ReplyToActivity or StubOperation.UpdateActivity or StubOperation.DeleteActivity:
                return (_sendLogs, Limits.SendPerThread, request.ConversationId, null);
            case StubOperation.GetPagedMembers:
                return (_memberLogs, Limits.MembersPerThread, request.ConversationId, null);
            case StubOperation.CreateConversation:
                var (key, invalid) = CreateTarget(request.Body);
                return (_createLogs, Limits.CreatePerThread, key, invalid);
            default:
                return (null, [], null, null);
        }
    }

    private Answer Admit(Request request, Dictionary<string, ArrivalLog>? logs, IReadOnlyList<RateLimitWindow> windows, string? key)
    {
        lock (_gate)
        {
            // Arrival is when the whole request is in: a create's thread is only known from its body.
            var now = _timeProvider.GetTimestamp();
            ArrivalLog? thread = null;
            if (logs is not null && key is not null && !logs.TryGetValue(key, out thread))
            {
                thread = new ArrivalLog(windows, _timeProvider.TimestampFrequency);
                logs.Add(key, thread);
            }

            var (appWait, appWindow) = _appLog.WaitAt(now);
            var (threadWait, threadWindow) = thread?.WaitAt(now) ?? (0, null);
            if (appWait > 0 || threadWait > 0)
            {
                var perApp = appWait >= threadWait;
                var wait = TimeSpan.FromSeconds(Math.Max(appWait, threadWait) / (double)_timeProvider.TimestampFrequency);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                _throttled.Add(new ThrottledRequest(
                    request.Operation, key, (perApp ? appWindow : threadWindow)!, perApp, wait, seconds, _timeProvider.GetUtcNow()));
                return new Answer(StubResponse.Throttled(), seconds);
            }

            _appLog.Admit(now);
            thread?.Admit(now);
            return Process(request, key);
        }
    }

    // Runs under the lock, after admission.
    private Answer Process(Request request, string? key)
    {
        if (key is not null && _faults.TryGetValue(key, out var fault) && fault.Remaining > 0)
        {
            _faults[key] = (fault.Remaining - 1, fault.StatusCode);
            return Error(StubResponse.ForStatus(fault.StatusCode));
        }

        if (request.Operation != StubOperation.GetPagedMembers && key is not null && _goneConversations.TryGetValue(key, out var goneStatus))
        {
            return Error(StubResponse.ForStatus(goneStatus));
        }

        var conversationId = request.ConversationId!;
        switch (request.Operation)
        {
            case StubOperation.SendToConversation or StubOperation.ReplyToActivity:
                var activityId = RecordDelivery(conversationId, request.Operation, request.Text, request.Body);
                return Created(new JsonObject { ["id"] = activityId });
            case StubOperation.UpdateActivity:
                if (!_deliveredByConversation.TryGetValue(conversationId, out var posted) || !posted.Any(d => d.ActivityId == request.ActivityId))
                {
                    return Error(StubResponse.Error(404, "ActivityNotFound", "No such activity in this conversation."));
                }

                _updates.Add(DeliveredActivity.From(
                    conversationId, request.ActivityId!, request.Operation, request.Text, request.Body, _timeProvider.GetUtcNow()));
                return new Answer(new StubResponse(200) { Body = new JsonObject { ["id"] = request.ActivityId }.ToJsonString() }, null);
            case StubOperation.DeleteActivity:
                return new Answer(new StubResponse(200), null);
            case StubOperation.CreateConversation:
                return CreateConversation(request.Body!, key!);
            case StubOperation.GetPagedMembers:
                return PagedMembers(request);
            default:
                return Error(StubResponse.Error(404, "NotFound", "The stand-in does not implement this operation."));
        }
    }

    private Answer CreateConversation(JsonObject body, string target)
    {
        Interlocked.Increment(ref _createdCount);
        if (body["activity"] is not JsonObject activity)
        {
            return Created(new JsonObject { ["id"] = target });
        }

        if ((bool?)body["isGroup"] != true)
        {
            // A 1:1 create may carry the first message; Teams returns no activity id for it.
            RecordDelivery(target, StubOperation.CreateConversation, activity.ToJsonString(), activity);
            return Created(new JsonObject { ["id"] = target });
        }

        var rootId = NextActivityId();
        var threadId = $"{target};messageid={rootId}";
        RecordDelivery(threadId, StubOperation.CreateConversation, activity.ToJsonString(), activity, rootId);
        return Created(new JsonObject { ["id"] = threadId, ["activityId"] = rootId });
    }

    // Mirrors Teams: a 1:1 needs exactly one member and a tenant; a channel thread needs the channel and an activity.
    private static (string? Key, StubResponse? Invalid) CreateTarget(JsonObject? body)
    {
        if (body is null)
        {
            return (null, StubResponse.Error(400, "BadSyntax", "A ConversationParameters body is required."));
        }

        if ((bool?)body["isGroup"] == true)
        {
            return (string?)body["channelData"]?["channel"]?["id"] is { } channelId && body["activity"] is JsonObject
                ? (channelId, null)
                : (null, StubResponse.Error(400, "BadSyntax", "Group conversations need channelData.channel.id and an activity."));
        }

        if (body["members"] is not JsonArray { Count: 1 } members || (string?)members[0]?["id"] is not { } userId)
        {
            return (null, StubResponse.Error(400, "BadSyntax", "A personal conversation needs exactly one member."));
        }

        var tenantId = (string?)body["tenantId"] ?? (string?)body["channelData"]?["tenant"]?["id"];
        return string.IsNullOrEmpty(tenantId)
            ? (null, StubResponse.Error(400, "BadArgument", "tenantId is required."))
            : (PersonalConversationId(userId), null);
    }

    private Answer PagedMembers(Request request)
    {
        var conversationId = request.ConversationId!;
        var roster = _rosters.GetValueOrDefault(conversationId) ?? _rosters.GetValueOrDefault(string.Empty) ?? [];
        var pageSize = request.Query.TryGetValue("pageSize", out var size) && int.TryParse(size, CultureInfo.InvariantCulture, out var parsed)
            ? Math.Clamp(parsed, MinPageSize, MaxPageSize)
            : DefaultPageSize;
        var offset = 0;
        if (request.Query.TryGetValue("continuationToken", out var token) && token.Length > 0 && !TryReadToken(token, conversationId, out offset))
        {
            return Error(StubResponse.Error(400, "BadArgument", "Unknown continuation token."));
        }

        var result = new JsonObject
        {
            ["members"] = new JsonArray(roster.Skip(offset).Take(pageSize).Select(m => (JsonNode)m.DeepClone()).ToArray()),
        };
        if (offset + pageSize < roster.Count)
        {
            result["continuationToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(
                string.Create(CultureInfo.InvariantCulture, $"{offset + pageSize}|{conversationId}")));
        }

        return new Answer(new StubResponse(200) { Body = result.ToJsonString() }, null);
    }

    private static bool TryReadToken(string token, string conversationId, out int offset)
    {
        offset = 0;
        var bytes = new byte[token.Length];
        if (!Convert.TryFromBase64String(token, bytes, out var written))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes, 0, written);
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        return bar > 0
            && text[(bar + 1)..] == conversationId
            && int.TryParse(text.AsSpan(0, bar), CultureInfo.InvariantCulture, out offset)
            && offset >= 0;
    }

    private string RecordDelivery(string conversationId, StubOperation operation, string json, JsonObject? body, string? activityId = null)
    {
        activityId ??= NextActivityId();
        var delivered = DeliveredActivity.From(conversationId, activityId, operation, json, body, _timeProvider.GetUtcNow());
        _delivered.Add(delivered);
        if (!_deliveredByConversation.TryGetValue(conversationId, out var list))
        {
            list = [];
            _deliveredByConversation.Add(conversationId, list);
        }

        list.Add(delivered);
        for (var i = _deliveryWaiters.Count - 1; i >= 0; i--)
        {
            if (_delivered.Count >= _deliveryWaiters[i].Count)
            {
                _deliveryWaiters[i].Signal.TrySetResult();
                _deliveryWaiters.RemoveAt(i);
            }
        }

        return activityId;
    }

    private Answer Error(StubResponse response)
    {
        Interlocked.Increment(ref _errorCount);
        return new Answer(response, null);
    }

    private string NextActivityId() => Interlocked.Increment(ref _nextActivityId).ToString(CultureInfo.InvariantCulture);

    private static Answer Created(JsonObject body) => new(new StubResponse(201) { Body = body.ToJsonString() }, null);

    private static async Task<Request> ReadAsync(HttpContext context)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var segments = (queryStart < 0 ? rawTarget : rawTarget[..queryStart])
            .Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(Uri.UnescapeDataString)
            .ToArray();

        // Service URLs are opaque and may carry a prefix (…/amer/<tenant>/), so routing starts at "v3".
        var v3 = Array.IndexOf(segments, "v3");
        string[] route = v3 < 0 ? [] : segments[v3..];
        var (operation, conversationId, activityId) = (context.Request.Method, route) switch
        {
            ("POST", ["v3", "conversations"]) => (StubOperation.CreateConversation, null, null),
            ("POST", ["v3", "conversations", var id, "activities"]) => (StubOperation.SendToConversation, id, null),
            ("POST", ["v3", "conversations", var id, "activities", var activity]) => (StubOperation.ReplyToActivity, id, activity),
            ("PUT", ["v3", "conversations", var id, "activities", var activity]) => (StubOperation.UpdateActivity, id, activity),
            ("DELETE", ["v3", "conversations", var id, "activities", var activity]) => (StubOperation.DeleteActivity, id, activity),
            ("GET", ["v3", "conversations", var id, "pagedmembers"]) => (StubOperation.GetPagedMembers, id, (string?)null),
            _ => (StubOperation.Unknown, (string?)null, (string?)null),
        };

        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        JsonObject? body = null;
        try
        {
            body = text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null;
        }
        catch (JsonException)
        {
            body = null;
        }

        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        return new Request(operation, conversationId, activityId, query, text, body);
    }

    private sealed record Request(
        StubOperation Operation, string? ConversationId, string? ActivityId, IReadOnlyDictionary<string, string> Query, string Text, JsonObject? Body);

    private readonly record struct Answer(StubResponse Response, int? RetryAfterSeconds);
}
