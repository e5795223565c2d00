using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace TrustBot.Protocol.Connector;

public partial class ConnectorClient
{
    private const string JsonMediaType = "application/json";

    private async Task<ConnectorResponse<T>> SendAsync<T>(
        string operation,
        string serviceUrl,
        HttpMethod method,
        string relativePath,
        string? query,
        byte[]? body,
        string tenantId,
        string rateLimitKey,
        JsonTypeInfo<T>? responseType,
        CancellationToken cancellationToken)
    {
        if (!_allowList.IsAllowed(serviceUrl))
        {
            ConnectorLog.ServiceUrlRefused(_logger, operation, HostOf(serviceUrl));
            return new ConnectorResponse<T>(ConnectorOutcome.Failed, null, default, ConnectorErrorCodes.ServiceUrlNotAllowed);
        }

        var uri = new Uri($"{serviceUrl.TrimEnd('/')}/{relativePath}{(query is null ? string.Empty : "?" + query)}", UriKind.Absolute);
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonMediaType));
        request.Options.Set(RateLimitingHandler.ConversationKey, rateLimitKey);
        request.Options.Set(RateLimitingHandler.TenantKey, tenantId);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(JsonMediaType) { CharSet = "utf-8" };
        }

        try
        {
            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                var correlationVector = CorrelationVector(response);
                ConnectorLog.ResponseReceived(_logger, operation, status, correlationVector);
            }

            var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return Delivered(operation, status, content, responseType);
            }

            var outcome = status switch
            {
                403 or 404 => ConnectorOutcome.RecipientGone,
                429 => ConnectorOutcome.Throttled,
                _ => ConnectorOutcome.Failed,
            };
            var errorCode = ErrorResponse.Parse(content)?.Error?.Code;
            ConnectorLog.NotDelivered(_logger, operation, outcome, status, errorCode);
            return new ConnectorResponse<T>(outcome, status, default, errorCode)
            {
                RetryAfter = RetryAfter.Read(response, _timeProvider),
            };
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            var errorCode = exception switch
            {
                HttpRequestException => ConnectorErrorCodes.NetworkError,
                TimeoutException or TimeoutRejectedException or OperationCanceledException => ConnectorErrorCodes.Timeout,
                AuthenticationFailedException or CredentialUnavailableException => ConnectorErrorCodes.TokenUnavailable,
                _ => ConnectorErrorCodes.UnexpectedError,
            };
            ConnectorLog.RequestFailed(_logger, exception, operation, errorCode);
            return new ConnectorResponse<T>(ConnectorOutcome.Failed, null, default, errorCode);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The caller cancelled while a failure was in flight: cancellation is the only thing it may see.
            throw new OperationCanceledException("The Connector call was cancelled.", exception, cancellationToken);
        }
    }

    private ConnectorResponse<T> Delivered<T>(string operation, int status, byte[] content, JsonTypeInfo<T>? responseType)
    {
        if (responseType is null || content.Length == 0)
        {
            ConnectorLog.Delivered(_logger, operation, status);
            return new ConnectorResponse<T>(ConnectorOutcome.Delivered, status, default, null);
        }

        try
        {
            var value = JsonSerializer.Deserialize(content, responseType);
            ConnectorLog.Delivered(_logger, operation, status);
            return new ConnectorResponse<T>(ConnectorOutcome.Delivered, status, value, null);
        }
        catch (JsonException exception)
        {
            ConnectorLog.UnparsableResponse(_logger, exception, operation, status);
            return new ConnectorResponse<T>(ConnectorOutcome.Failed, status, default, ConnectorErrorCodes.UnparsableResponse);
        }
    }

    private static ConnectorResponse<T> Refused<T>() =>
        new(ConnectorOutcome.Failed, null, default, ConnectorErrorCodes.InvalidArgument);

    private bool Missing(string operation, params ReadOnlySpan<(object? Value, string Name)> arguments)
    {
        foreach (var (value, name) in arguments)
        {
            if (value is null || (value is string text && string.IsNullOrWhiteSpace(text)))
            {
                ConnectorLog.InvalidArgument(_logger, operation, name);
                return true;
            }
        }

        return false;
    }

    private static string? CorrelationVector(HttpResponseMessage response) =>
        response.Headers.TryGetValues("MS-CV", out var values) ? values.FirstOrDefault() : null;

    private static string HostOf(string? serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) ? uri.Host : "(not a URL)";
}
