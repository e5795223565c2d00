using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrustBot.Protocol.Activities;
using TrustBot.Protocol.Hosting;

namespace TrustBot.Protocol.Connector;

/// <summary>
/// The Bot Connector v3 REST client (typed <see cref="HttpClient"/>). Every call returns a typed outcome and never
/// throws for HTTP, network or parsing failures; only cancellation by the caller's token surfaces as
/// <see cref="OperationCanceledException"/>. Retries, auth and pacing live in the handlers registered by
/// <see cref="ConnectorServiceCollectionExtensions.AddBotConnector"/>. Methods are virtual so tests can stand in for it.
/// </summary>
public partial class ConnectorClient
{
    private readonly HttpClient _httpClient = null!;
    private readonly ServiceUrlAllowList _allowList = null!;
    private readonly ILogger<ConnectorClient> _logger = null!;
    private readonly TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>Creates a client over <paramref name="httpClient"/>, whose handlers provide retries, auth and pacing.</summary>
    public ConnectorClient(HttpClient httpClient, ServiceUrlAllowList allowList, ILogger<ConnectorClient> logger)
        : this(httpClient, allowList, logger, TimeProvider.System)
    {
    }

    /// <summary>Creates a client that reads HTTP-date <c>Retry-After</c> values against <paramref name="timeProvider"/>.</summary>
    [ActivatorUtilitiesConstructor]
    public ConnectorClient(HttpClient httpClient, ServiceUrlAllowList allowList, ILogger<ConnectorClient> logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(allowList);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _httpClient = httpClient;
        _allowList = allowList;
        _logger = logger;
        _timeProvider = timeProvider;
    }

    /// <summary>For mocking frameworks only.</summary>
    protected ConnectorClient()
    {
    }

    /// <summary>
    /// Posts a new message (in a channel: a new thread) — <c>POST /v3/conversations/{id}/activities</c>. Every call
    /// names the conversation's tenant, whose app-wide rate limit it counts against.
    /// </summary>
    public virtual Task<ConnectorResponse<ResourceResponse>> SendToConversationAsync(
        string serviceUrl, string tenantId, string conversationId, Activity activity, CancellationToken cancellationToken = default)
    {
        if (Missing(Operations.Send, (tenantId, nameof(tenantId)), (conversationId, nameof(conversationId)), (activity, nameof(activity))))
        {
            return Task.FromResult(Refused<ResourceResponse>());
        }

        return SendAsync(
            Operations.Send, serviceUrl, HttpMethod.Post, $"v3/conversations/{Escape(conversationId)}/activities", query: null,
            Serialize(activity), tenantId, conversationId, ConnectorJsonContext.Default.ResourceResponse, cancellationToken);
    }

    /// <summary>Replies to an activity — <c>POST /v3/conversations/{id}/activities/{activityId}</c>; the body gets <c>replyToId</c>.</summary>
    public virtual Task<ConnectorResponse<ResourceResponse>> ReplyToActivityAsync(
        string serviceUrl, string tenantId, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default)
    {
        if (Missing(Operations.Reply, (tenantId, nameof(tenantId)), (conversationId, nameof(conversationId)), (activityId, nameof(activityId)), (activity, nameof(activity))))
        {
            return Task.FromResult(Refused<ResourceResponse>());
        }

        // The caller's activity is not mutated: replyToId is set on the serialized copy.
        var body = JsonSerializer.SerializeToNode(activity, ConnectorJsonContext.Default.Activity)!.AsObject();
        body["replyToId"] = activityId;
        return SendAsync(
            Operations.Reply, serviceUrl, HttpMethod.Post, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}",
            query: null, Encoding.UTF8.GetBytes(body.ToJsonString()), tenantId, conversationId,
            ConnectorJsonContext.Default.ResourceResponse, cancellationToken);
    }

    /// <summary>Replaces a message, e.g. a card after a vote — <c>PUT /v3/conversations/{id}/activities/{activityId}</c>.</summary>
    public virtual Task<ConnectorResponse<ResourceResponse>> UpdateActivityAsync(
        string serviceUrl, string tenantId, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default)
    {
        if (Missing(Operations.Update, (tenantId, nameof(tenantId)), (conversationId, nameof(conversationId)), (activityId, nameof(activityId)), (activity, nameof(activity))))
        {
            return Task.FromResult(Refused<ResourceResponse>());
        }

        return SendAsync(
            Operations.Update, serviceUrl, HttpMethod.Put, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}",
            query: null, Serialize(activity), tenantId, conversationId, ConnectorJsonContext.Default.ResourceResponse, cancellationToken);
    }

    /// <summary>Deletes a message — <c>DELETE /v3/conversations/{id}/activities/{activityId}</c>.</summary>
    public virtual async Task<ConnectorResponse> DeleteActivityAsync(
        string serviceUrl, string tenantId, string conversationId, string activityId, CancellationToken cancellationToken = default)
    {
        var result = Missing(Operations.Delete, (tenantId, nameof(tenantId)), (conversationId, nameof(conversationId)), (activityId, nameof(activityId)))
            ? Refused<ResourceResponse>()
            : await SendAsync<ResourceResponse>(
                Operations.Delete, serviceUrl, HttpMethod.Delete, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}",
                query: null, body: null, tenantId, conversationId, responseType: null, cancellationToken);
        return new ConnectorResponse(result.Outcome, result.StatusCode, result.ErrorCode) { RetryAfter = result.RetryAfter };
    }

    /// <summary>Creates (or, for a 1:1 chat, finds) a conversation — <c>POST /v3/conversations</c>.</summary>
    public virtual Task<ConnectorResponse<ConversationResourceResponse>> CreateConversationAsync(
        string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default)
    {
        if (Missing(Operations.Create, (parameters, nameof(parameters))))
        {
            return Task.FromResult(Refused<ConversationResourceResponse>());
        }

        return SendAsync(
            Operations.Create, serviceUrl, HttpMethod.Post, "v3/conversations", query: null,
            JsonSerializer.SerializeToUtf8Bytes(parameters, ConnectorJsonContext.Default.ConversationParameters),
            TenantOf(parameters), CreateRateLimitKey(parameters), ConnectorJsonContext.Default.ConversationResourceResponse, cancellationToken);
    }

    /// <summary>
    /// Opens (or finds) the personal chat with <paramref name="userId"/> (<c>29:…</c>): <c>isGroup</c> false, the bot,
    /// one member, <c>tenantId</c> and <c>channelData.tenant.id</c>. A bare app id gets the <c>28:</c> prefix.
    /// </summary>
    public virtual Task<ConnectorResponse<ConversationResourceResponse>> CreatePersonalConversationAsync(
        string serviceUrl, string tenantId, string botId, string userId, CancellationToken cancellationToken = default)
    {
        if (Missing(Operations.Create, (tenantId, nameof(tenantId)), (botId, nameof(botId)), (userId, nameof(userId))))
        {
            return Task.FromResult(Refused<ConversationResourceResponse>());
        }

        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount { Id = botId.StartsWith("28:", StringComparison.Ordinal) ? botId : "28:" + botId },
            Members = [new ChannelAccount { Id = userId }],
            TenantId = tenantId,
            ChannelData = new TeamsChannelData { Tenant = new TenantInfo { Id = tenantId } },
        };
        return CreateConversationAsync(serviceUrl, parameters, cancellationToken);
    }

    /// <summary>
    /// Reads one roster page — <c>GET /v3/conversations/{id}/pagedmembers?pageSize=&amp;continuationToken=</c>.
    /// Teams treats a page size below 50 as 50 and caps it at 500; loop until the continuation token is empty.
    /// </summary>
    public virtual async Task<ConnectorResponse<PagedMembersResult>> GetPagedMembersAsync(
        string serviceUrl, string tenantId, string conversationId, int? pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        if (Missing(Operations.Members, (tenantId, nameof(tenantId)), (conversationId, nameof(conversationId))))
        {
            return Refused<PagedMembersResult>();
        }

        var query = new List<string>(2);
        if (pageSize is { } size)
        {
            query.Add($"pageSize={size}");
        }

        if (!string.IsNullOrEmpty(continuationToken))
        {
            query.Add($"continuationToken={Uri.EscapeDataString(continuationToken)}");
        }

        var result = await SendAsync(
            Operations.Members, serviceUrl, HttpMethod.Get, $"v3/conversations/{Escape(conversationId)}/pagedmembers",
            query.Count == 0 ? null : string.Join('&', query), body: null, tenantId, "members:" + conversationId,
            ConnectorJsonContext.Default.PagedMembersResult, cancellationToken);
        foreach (var member in result.Value?.Members ?? [])
        {
            CopyObjectId(member);
        }

        return result;
    }

    /// <summary>Lists a team's channels — <c>GET /v3/teams/{teamId}/conversations</c> (Teams only).</summary>
    public virtual Task<ConnectorResponse<ConversationList>> GetTeamChannelsAsync(
        string serviceUrl, string tenantId, string teamId, CancellationToken cancellationToken = default)
    {
        if (Missing(Operations.Channels, (tenantId, nameof(tenantId)), (teamId, nameof(teamId))))
        {
            return Task.FromResult(Refused<ConversationList>());
        }

        return SendAsync(
            Operations.Channels, serviceUrl, HttpMethod.Get, $"v3/teams/{Escape(teamId)}/conversations",
            query: null, body: null, tenantId, "channels:" + teamId, ConnectorJsonContext.Default.ConversationList, cancellationToken);
    }

    private static string Escape(string id) => Uri.EscapeDataString(id);

    private static byte[] Serialize(Activity activity) =>
        JsonSerializer.SerializeToUtf8Bytes(activity, ConnectorJsonContext.Default.Activity);

    // Creates are paced per target (tenant and user, or the channel for a new thread), as Teams counts them per thread.
    private static string CreateRateLimitKey(ConversationParameters parameters)
    {
        var target = parameters.Members?.FirstOrDefault()?.Id ?? parameters.ChannelData?.Channel?.Id ?? string.Empty;
        return $"create:{TenantOf(parameters)}/{target}";
    }

    // A create without a tenant is paced as of no known tenant (see ConnectorRateLimiter.WaitAsync).
    private static string TenantOf(ConversationParameters parameters) =>
        parameters.TenantId ?? parameters.ChannelData?.Tenant?.Id ?? string.Empty;

    // Roster docs show objectId where the activity schema says aadObjectId; accept both.
    private static void CopyObjectId(ChannelAccount member)
    {
        if (member.AadObjectId is null
            && member.ExtensionData?.TryGetValue("objectId", out var objectId) == true
            && objectId.ValueKind == JsonValueKind.String)
        {
            member.AadObjectId = objectId.GetString();
        }
    }

    private static class Operations
    {
        public const string Send = "SendToConversation";
        public const string Reply = "ReplyToActivity";
        public const string Update = "UpdateActivity";
        public const string Delete = "DeleteActivity";
        public const string Create = "CreateConversation";
        public const string Members = "GetPagedMembers";
        public const string Channels = "GetTeamChannels";
    }
}
