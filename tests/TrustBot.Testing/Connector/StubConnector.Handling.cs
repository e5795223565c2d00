using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace TrustBot.Testing.Connector;

public sealed partial class StubConnector
{
    private readonly Dictionary<string, List<JsonObject>> _rosters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<JsonObject>> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _personalConversations = new(StringComparer.Ordinal);
    private long _nextActivityId = 1_700_000_000_000;
    private long _nextCorrelation;

    /// <summary>The page size used when a pagedmembers request names none (the stub applies no 50-member floor).</summary>
    public int DefaultPageSize { get; set; } = 50;

    /// <summary>
    /// How long every request waits before the stub accepts it, so that a fan-out lasts long enough to be interrupted.
    /// A request whose client hangs up while it waits was never accepted: it is recorded with status 0 and has no effect.
    /// </summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The personal conversation id the stub assigned to <paramref name="userId"/>, or null when none was created.</summary>
    public string? PersonalConversationId(string tenantId, string userId)
    {
        lock (_gate)
        {
            return _personalConversations.GetValueOrDefault(tenantId + "/" + userId);
        }
    }

    /// <summary>
    /// Sets the roster served by <c>pagedmembers</c> for <paramref name="conversationId"/>, or for every conversation
    /// without its own roster when it is null. Build members with <see cref="Member"/> or any JSON object.
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
    /// Sets the channels served for <paramref name="teamId"/> by <c>GET /v3/teams/{teamId}/conversations</c>; a team
    /// without its own list has only General (whose id is the team id and whose name Teams leaves out).
    /// </summary>
    public void SetChannels(string teamId, IEnumerable<(string Id, string? Name)> channels)
    {
        ArgumentException.ThrowIfNullOrEmpty(teamId);
        ArgumentNullException.ThrowIfNull(channels);
        lock (_gate)
        {
            _channels[teamId] = [.. channels.Select(c => new JsonObject { ["id"] = c.Id, ["name"] = c.Name })];
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = await ReadAsync(context);
        if (Latency > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Latency, _timeProvider, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                request.ResponseStatusCode = 0;
                Record(request);
                return;
            }
        }

        var expected = ExpectedBearerToken;
        var response = expected is not null && request.BearerToken != expected
            ? StubResponse.ForStatus(401)
            : TakeScripted(request) ?? Default(request);
        request.ResponseStatusCode = response.Abort ? 0 : response.StatusCode;

        if (response.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(response.Delay, _timeProvider, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                Record(request);
                return;
            }
        }

        Record(request);
        if (response.Abort)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = response.StatusCode;
        context.Response.Headers["MS-CV"] = "stub." + Interlocked.Increment(ref _nextCorrelation).ToString(CultureInfo.InvariantCulture);
        if (response.RetryAfter is { } delta)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds(delta);
        }
        else if (response.RetryAfterDate is { } date)
        {
            context.Response.Headers.RetryAfter = date.ToString("R", CultureInfo.InvariantCulture);
        }

        if (response.Body is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(response.Body, context.RequestAborted);
        }
    }

    private async Task<RecordedRequest> ReadAsync(HttpContext context)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var segments = rawPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();

        // Service URLs are opaque and may carry a prefix (…/amer/<tenant>/), so routing starts at "v3".
        var v3 = Array.IndexOf(segments, "v3");
        var route = v3 < 0 ? [] : segments[v3..];
        var (operation, conversationId, activityId) = Route(context.Request.Method, route);

        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        JsonNode? body = null;
        if (text.Length > 0)
        {
            try
            {
                body = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                body = null;
            }
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in context.Request.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        return new RecordedRequest
        {
            Method = context.Request.Method,
            RawTarget = rawTarget,
            Path = "/" + string.Join('/', segments),
            Query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            Operation = operation,
            ConversationId = conversationId,
            ActivityId = activityId,
            Headers = headers,
            BodyText = text,
            Body = body,
            ReceivedAt = _timeProvider.GetUtcNow(),
        };
    }

    private static (StubOperation Operation, string? ConversationId, string? ActivityId) Route(string method, string[] route) =>
        (method, route) switch
        {
            ("POST", ["v3", "conversations"]) => (StubOperation.CreateConversation, null, null),
            ("POST", ["v3", "conversations", var id, "activities"]) => (StubOperation.SendToConversation, id, null),
            ("POST", ["v3", "conversations", var id, "activities", var activity]) => (StubOperation.ReplyToActivity, id, activity),
            ("PUT", ["v3", "conversations", var id, "activities", var activity]) => (StubOperation.UpdateActivity, id, activity),
            ("DELETE", ["v3", "conversations", var id, "activities", var activity]) => (StubOperation.DeleteActivity, id, activity),
            ("GET", ["v3", "conversations", var id, "pagedmembers"]) => (StubOperation.GetPagedMembers, id, null),
            ("GET", ["v3", "teams", var team, "conversations"]) => (StubOperation.GetTeamChannels, team, null),
            (_, ["v3", "conversations", var id, ..]) => (StubOperation.Unknown, id, null),
            _ => (StubOperation.Unknown, null, null),
        };

    private StubResponse Default(RecordedRequest request) => request.Operation switch
    {
        StubOperation.SendToConversation or StubOperation.ReplyToActivity => Created(new JsonObject { ["id"] = NextActivityId() }),
        StubOperation.UpdateActivity => new StubResponse(200) { Body = new JsonObject { ["id"] = request.ActivityId }.ToJsonString() },
        StubOperation.DeleteActivity => new StubResponse(200),
        StubOperation.CreateConversation => CreateConversation(request.Body as JsonObject),
        StubOperation.GetPagedMembers => PagedMembers(request),
        StubOperation.GetTeamChannels => TeamChannels(request.ConversationId!),
        _ => StubResponse.Error(404, "NotFound", $"The stub does not implement {request.Method} {request.Path}."),
    };

    // Mirrors Teams: 1:1 needs exactly one member and a tenant and is idempotent per user; a channel thread needs
    // the channel and a first activity; group chats cannot be created.
    private StubResponse CreateConversation(JsonObject? body)
    {
        if (body is null)
        {
            return StubResponse.Error(400, "BadSyntax", "A ConversationParameters body is required.");
        }

        var tenantId = (string?)body["tenantId"] ?? (string?)body["channelData"]?["tenant"]?["id"];
        if ((bool?)body["isGroup"] == true)
        {
            var channelId = (string?)body["channelData"]?["channel"]?["id"];
            if (channelId is null || body["activity"] is null)
            {
                return StubResponse.Error(400, "BadSyntax", "Group conversations need channelData.channel.id and an activity.");
            }

            var rootId = NextActivityId();
            return Created(new JsonObject { ["id"] = $"{channelId};messageid={rootId}", ["activityId"] = rootId });
        }

        if (body["members"] is not JsonArray { Count: 1 } members || (string?)members[0]?["id"] is not { } userId)
        {
            return StubResponse.Error(400, "BadSyntax", "A personal conversation needs exactly one member.");
        }

        if (string.IsNullOrEmpty(tenantId))
        {
            return StubResponse.Error(400, "BadArgument", "tenantId is required.");
        }

        string conversationId;
        lock (_gate)
        {
            var key = tenantId + "/" + userId;
            if (!_personalConversations.TryGetValue(key, out var existing))
            {
                existing = "a:stub-" + (_personalConversations.Count + 1).ToString(CultureInfo.InvariantCulture);
                _personalConversations[key] = existing;
            }

            conversationId = existing;
        }

        return Created(new JsonObject { ["id"] = conversationId });
    }

    private StubResponse TeamChannels(string teamId)
    {
        JsonArray list;
        lock (_gate)
        {
            list = _channels.TryGetValue(teamId, out var channels)
                ? [.. channels.Select(c => c.DeepClone())]
                : [new JsonObject { ["id"] = teamId }];
        }

        return new StubResponse(200) { Body = new JsonObject { ["conversations"] = list }.ToJsonString() };
    }

    private StubResponse PagedMembers(RecordedRequest request)
    {
        List<JsonObject> roster;
        lock (_gate)
        {
            roster = _rosters.GetValueOrDefault(request.ConversationId!) ?? _rosters.GetValueOrDefault(string.Empty) ?? [];
            roster = roster.Select(m => (JsonObject)m.DeepClone()).ToList();
        }

        var pageSize = request.Query.TryGetValue("pageSize", out var size) && int.TryParse(size, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? parsed
            : DefaultPageSize;
        var offset = 0;
        if (request.Query.TryGetValue("continuationToken", out var token) && token.Length > 0
            && !(token.StartsWith("page-", StringComparison.Ordinal) && int.TryParse(token.AsSpan(5), CultureInfo.InvariantCulture, out offset)))
        {
            return StubResponse.Error(400, "BadArgument", "Unknown continuation token.");
        }

        var page = new JsonArray(roster.Skip(offset).Take(pageSize).Select(m => (JsonNode)m).ToArray());
        var result = new JsonObject { ["members"] = page };
        if (offset + pageSize < roster.Count)
        {
            result["continuationToken"] = "page-" + (offset + pageSize).ToString(CultureInfo.InvariantCulture);
        }

        return new StubResponse(200) { Body = result.ToJsonString() };
    }

    private string NextActivityId() => Interlocked.Increment(ref _nextActivityId).ToString(CultureInfo.InvariantCulture);

    private static StubResponse Created(JsonObject body) => new(201) { Body = body.ToJsonString() };
}
