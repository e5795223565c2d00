using System.Buffers;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Protocol.Activities;
using TrustBot.Protocol.Authentication;

namespace TrustBot.Protocol.Hosting;

/// <summary>
/// Runs one <c>POST /api/messages</c> exchange: verb and size checks, token validation, parsing, endorsement and
/// service-URL checks, field bounds (<see cref="ActivityLimits"/>), then the turn. Nothing reaches the handler unless every check passed.
/// The <see cref="IActivityHandler"/> is resolved from the request's services, so it may be scoped.
/// </summary>
public sealed class BotRequestProcessor(
    BotTokenValidator tokenValidator,
    ServiceUrlAllowList serviceUrls,
    IOptions<BotOptions> botOptions,
    IOptions<BotFrameworkOptions> frameworkOptions,
    ILogger<BotRequestProcessor> logger)
{
    private readonly bool _localMode = botOptions.Value.IsLocalMode;
    private readonly int _maxBodyBytes = frameworkOptions.Value.MaxRequestBodyBytes;
    private readonly TimeSpan _turnTimeout = frameworkOptions.Value.TurnTimeout;

    /// <summary>Processes the request and writes the response.</summary>
    public async Task ProcessAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var response = context.Response;

        // Local tools probe with HEAD before connecting; answer at once without touching auth or the body.
        if (!HttpMethods.IsPost(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "POST";
            return;
        }

        if (request.ContentLength > _maxBodyBytes)
        {
            await RejectAsync(context, StatusCodes.Status413PayloadTooLarge, "The activity is larger than the bot accepts.");
            return;
        }

        // The token is checked before the body is read, so an unauthenticated caller learns nothing about parsing.
        BotTokenResult? token = null;
        if (_localMode)
        {
            if (!IsLoopback(context.Connection.RemoteIpAddress))
            {
                HostingLog.LocalModeRejectedRemoteCaller(logger);
                await RejectAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized.");
                return;
            }
        }
        else
        {
            token = await tokenValidator.ValidateTokenAsync(request.Headers.Authorization.ToString(), context.RequestAborted);
            if (!token.Succeeded)
            {
                HostingLog.TokenRejected(logger, token.FailureReason ?? "unknown");
                await RejectAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized.");
                return;
            }
        }

        var body = await ReadBodyAsync(request, context.RequestAborted);
        if (body is null)
        {
            await RejectAsync(context, StatusCodes.Status413PayloadTooLarge, "The activity is larger than the bot accepts.");
            return;
        }

        var activity = Parse(body.Value, out var parseError);
        if (activity is null)
        {
            HostingLog.InvalidActivity(logger, parseError);
            await RejectAsync(context, StatusCodes.Status400BadRequest, parseError);
            return;
        }

        if (token is not null)
        {
            var status = tokenValidator.AuthorizeActivity(token, activity.ChannelId, activity.ServiceUrl);
            if (status != BotAuthorizationStatus.Allowed)
            {
                HostingLog.ActivityNotAuthorized(logger, status.ToString());
                var code = status == BotAuthorizationStatus.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
                await RejectAsync(context, code, status == BotAuthorizationStatus.Forbidden ? "Forbidden." : "Unauthorized.");
                return;
            }
        }

        if (!serviceUrls.IsAllowed(activity.ServiceUrl))
        {
            HostingLog.ServiceUrlNotAllowed(logger);
            await RejectAsync(context, StatusCodes.Status400BadRequest, "The activity's serviceUrl is not an allowed Bot Connector host.");
            return;
        }

        // Checked once here, so no handler ever stores, sends or parses a field beyond ActivityLimits.
        if (ActivityValidator.Validate(activity) is { } violation)
        {
            HostingLog.ActivityOutOfBounds(logger, violation.Field, violation.Problem);
            await RejectAsync(context, StatusCodes.Status400BadRequest, violation.Message);
            return;
        }

        await RunTurnAsync(context, activity);
    }

    private async Task RunTurnAsync(HttpContext context, Activity activity)
    {
        using var scope = HostingLog.BeginTurnScope(logger, activity.Type);

        // The turn gets its own deadline instead of the request-abort token: a client that hangs up must not cut a
        // vote or an install off half-way through its storage writes.
        using var turnTimeout = new CancellationTokenSource(_turnTimeout);
        InvokeResponse? invokeResponse;
        try
        {
            var handler = context.RequestServices.GetRequiredService<IActivityHandler>();
            invokeResponse = await handler.OnActivityAsync(activity, turnTimeout.Token);
        }
        catch (RetryLaterException deferred)
        {
            // Not a failure of the bot: a dependency is away and the handler asked the channel to send this again.
            var seconds = (int)Math.Max(1, Math.Ceiling(deferred.RetryAfter.TotalSeconds));
            HostingLog.TurnDeferred(logger, activity.Type, seconds);
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await RejectAsync(context, StatusCodes.Status503ServiceUnavailable, "The bot cannot handle this activity right now. Please try again later.");
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || turnTimeout.IsCancellationRequested)
        {
            // A 5xx tells the channel to retry; the handler is responsible for leaving nothing half-done.
            HostingLog.TurnFailed(logger, ex, activity.Type);
            await RejectAsync(context, StatusCodes.Status500InternalServerError, "The bot could not handle this activity. Please try again.");
            return;
        }

        if (activity.Type != ActivityTypes.Invoke)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        if (invokeResponse is null)
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, "This invoke is not supported.");
            return;
        }

        context.Response.StatusCode = invokeResponse.Status;
        if (invokeResponse.Body is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await using var writer = new Utf8JsonWriter(context.Response.Body);
            invokeResponse.Body.WriteTo(writer);
        }
    }

    private async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Read at most one byte past the cap: enough to know the body is too large without buffering all of it.
        var buffer = new ArrayBufferWriter<byte>(Math.Min(_maxBodyBytes + 1, (int)(request.ContentLength ?? 16 * 1024) + 1));
        while (buffer.WrittenCount <= _maxBodyBytes)
        {
            var memory = buffer.GetMemory(8 * 1024);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }

            buffer.Advance(read);
        }

        return null;
    }

    private static Activity? Parse(ReadOnlyMemory<byte> body, out string error)
    {
        if (body.IsEmpty)
        {
            error = "The request has no body; an activity is required.";
            return null;
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(body.Span, ProtocolJsonContext.Default.Activity);
        }
        catch (JsonException)
        {
            error = "The body is not a valid activity (malformed JSON or a field of the wrong type).";
            return null;
        }

        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            error = "The activity has no type.";
            return null;
        }

        if (string.IsNullOrWhiteSpace(activity.ServiceUrl))
        {
            error = "The activity has no serviceUrl.";
            return null;
        }

        error = string.Empty;
        return activity;
    }

    private static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);

    private static async Task RejectAsync(HttpContext context, int statusCode, string message)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("code", ((HttpStatusCode)statusCode).ToString());
        writer.WriteString("message", message);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
