using TrustBot.Protocol.Activities;
using TrustBot.Protocol.Connector;

namespace TrustBot.Protocol.Tests.Connector;

// Which failures the retry pipeline treats as final (a queue must not send them again) and which it gave up on.
public sealed class ConnectorFinalFailureTests : IAsyncLifetime
{
    private static readonly Activity Message = new() { Type = ActivityTypes.Message, Text = "hi" };
    private ConnectorHarness _harness = null!;

    public async Task InitializeAsync() =>
        _harness = await ConnectorHarness.StartAsync(o =>
        {
            o.MaxRetries = 2;
            o.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.MaxDelay = TimeSpan.FromMilliseconds(1);
        });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData(ConnectorOutcome.Failed, 500, null, true)]
    [InlineData(ConnectorOutcome.Failed, 400, null, true)]
    [InlineData(ConnectorOutcome.Failed, 413, null, true)]
    [InlineData(ConnectorOutcome.Failed, 201, ConnectorErrorCodes.UnparsableResponse, true)]
    [InlineData(ConnectorOutcome.Failed, null, ConnectorErrorCodes.ServiceUrlNotAllowed, true)]
    [InlineData(ConnectorOutcome.Failed, null, ConnectorErrorCodes.InvalidArgument, true)]
    [InlineData(ConnectorOutcome.Failed, 503, null, false)]
    [InlineData(ConnectorOutcome.Failed, 502, null, false)]
    [InlineData(ConnectorOutcome.Failed, null, ConnectorErrorCodes.NetworkError, false)]
    [InlineData(ConnectorOutcome.Failed, null, ConnectorErrorCodes.Timeout, false)]
    [InlineData(ConnectorOutcome.Failed, null, ConnectorErrorCodes.TokenUnavailable, false)]
    [InlineData(ConnectorOutcome.Throttled, 429, null, false)]
    [InlineData(ConnectorOutcome.RecipientGone, 403, null, false)]
    [InlineData(ConnectorOutcome.Delivered, 201, null, false)]
    public void IsFinalFailure_FollowsWhatThePipelineRetries(ConnectorOutcome outcome, int? status, string? errorCode, bool final)
    {
        Assert.Equal(final, new ConnectorResponse(outcome, status, errorCode).IsFinalFailure);
        Assert.Equal(final, new ConnectorResponse<ResourceResponse>(outcome, status, null, errorCode).IsFinalFailure);
    }

    [Fact]
    public async Task Send_Answered500_IsTriedOnceAndReportedFinal()
    {
        _harness.Stub.FailNext(1, 500);

        var result = await _harness.Client.SendToConversationAsync(_harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", Message);

        Assert.True(result.IsFinalFailure);
        Assert.Single(_harness.Stub.Requests);
    }

    [Fact]
    public async Task Send_Answered503UntilThePipelineGaveUp_IsNotFinal()
    {
        _harness.Stub.FailNext(3, 503);

        var result = await _harness.Client.SendToConversationAsync(_harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", Message);

        Assert.Equal(ConnectorOutcome.Failed, result.Outcome);
        Assert.False(result.IsFinalFailure);
        Assert.Equal(3, _harness.Stub.Requests.Count);
    }
}
