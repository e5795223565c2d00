namespace TrustBot.Testing.Connector;

/// <summary>The Connector operation a recorded request was routed to.</summary>
public enum StubOperation
{
    /// <summary>A path or verb the stub does not implement (answered 404).</summary>
    Unknown,

    /// <summary><c>POST /v3/conversations/{id}/activities</c>.</summary>
    SendToConversation,

    /// <summary><c>POST /v3/conversations/{id}/activities/{activityId}</c>.</summary>
    ReplyToActivity,

    /// <summary><c>PUT /v3/conversations/{id}/activities/{activityId}</c>.</summary>
    UpdateActivity,

    /// <summary><c>DELETE /v3/conversations/{id}/activities/{activityId}</c>.</summary>
    DeleteActivity,

    /// <summary><c>POST /v3/conversations</c>.</summary>
    CreateConversation,

    /// <summary><c>GET /v3/conversations/{id}/pagedmembers</c>.</summary>
    GetPagedMembers,

    /// <summary><c>GET /v3/teams/{teamId}/conversations</c> (the team id is recorded as the conversation id).</summary>
    GetTeamChannels,
}
