using System.Net.Sockets;
using Azure;
using TrustBot.Core.Outages;
using TrustBot.Storage.Hosting;

namespace TrustBot.Storage.Tests.Hosting;

public sealed class StorageFailuresTests
{
    public static TheoryData<string, Exception> Unavailable() => new()
    {
        { "no response (refused)", NoResponse(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused))) },
        { "no response (reset)", NoResponse(new IOException("reset")) },
        { "bare transport failure", new HttpRequestException("dns", new SocketException((int)SocketError.HostNotFound)) },
        { "socket", new SocketException((int)SocketError.TimedOut) },
        { "timeout", new TimeoutException() },
        { "network timeout", new TaskCanceledException("exceeded the configured timeout") },
        { "503 server busy", new RequestFailedException(503, "busy") },
        { "500", new RequestFailedException(500, "internal") },
        { "504", new RequestFailedException(504, "gateway timeout") },
        { "every retry failed", new AggregateException(NoResponse(new HttpRequestException("refused")), new RequestFailedException(503, "busy")) },
        { "already translated", new StorageUnavailableException() },
    };

    public static TheoryData<string, Exception> NotUnavailable() => new()
    {
        { "404 not found", new RequestFailedException(404, "missing") },
        { "409 conflict", new RequestFailedException(409, "exists") },
        { "412 precondition", new RequestFailedException(412, "etag") },
        { "400 bad request", new RequestFailedException(400, "bad") },
        { "403 forbidden", new RequestFailedException(403, "denied") },
        { "a bug", new InvalidOperationException() },
        { "an argument", new ArgumentException("bad key") },
        { "retries that met a conflict", new AggregateException(NoResponse(new HttpRequestException("refused")), new RequestFailedException(409, "exists")) },
        { "empty aggregate", new AggregateException() },
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public void IsUnavailable_TransportFailuresTimeoutsAndTransientStatuses_AreAnOutage(string because, Exception exception)
    {
        Assert.True(StorageFailures.IsUnavailable(exception, CancellationToken.None), because);
    }

    [Theory]
    [MemberData(nameof(NotUnavailable))]
    public void IsUnavailable_AnswersBugsAndMisconfiguration_AreNot(string because, Exception exception)
    {
        Assert.False(StorageFailures.IsUnavailable(exception, CancellationToken.None), because);
    }

    [Fact]
    public void IsUnavailable_CancellationTheCallerAskedFor_IsNotAnOutage()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.False(StorageFailures.IsUnavailable(new OperationCanceledException(cancelled.Token), cancelled.Token));
    }

    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(200, false)]
    [InlineData(204, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(412, false)]
    public void IsUnavailableStatus_OnlyTransientStatuses(int status, bool expected)
    {
        Assert.Equal(expected, StorageFailures.IsUnavailableStatus(status));
    }

    [Fact]
    public void Unavailable_KeepsTheCauseButNamesNoUri()
    {
        var cause = new RequestFailedException(0, "GET http://127.0.0.1:1/devstoreaccount1/Ballots(PartitionKey='tenant') failed",
            new HttpRequestException("refused"));

        var translated = StorageFailures.Unavailable(cause);

        Assert.Same(cause, translated.InnerException);
        Assert.DoesNotContain("tenant", translated.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", translated.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Ballots", translated.Message, StringComparison.Ordinal);
    }

    // What Azure.Core's transport throws when no HTTP response came back.
    private static RequestFailedException NoResponse(Exception transport) => new(0, transport.Message, transport);
}
