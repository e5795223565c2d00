using Moq;
using TrustBot.Core.Leaders;

namespace TrustBot.Core.Tests.Leaders;

public sealed class PersonLeadershipTests
{
    private const string AdaId = "29:1ada";
    private readonly Mock<ILeaderStore> _leaders = new();
    private int _queries;

    public PersonLeadershipTests()
    {
        _leaders
            .Setup(l => l.ListForPersonAsync(TestIds.TenantId, AdaId, "aad-ada", It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                _queries++;
                return new[] { LeaderTestData.Leader(AdaId, teamKey: "19:t1") }.ToAsyncEnumerable();
            });
    }

    [Fact]
    public async Task ListAsync_AskedTwiceInOneActivity_QueriesTheStoreOnce()
    {
        var leadership = new PersonLeadership(_leaders.Object);

        var first = await leadership.ListAsync(TestIds.TenantId, AdaId, "aad-ada", CancellationToken.None);
        var second = await leadership.ListAsync(TestIds.TenantId, AdaId, "aad-ada", CancellationToken.None);

        Assert.Equal(1, _queries);
        Assert.Equal("19:t1", Assert.Single(second).TeamKey);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task ListAsync_NextActivity_QueriesAgain()
    {
        await new PersonLeadership(_leaders.Object).ListAsync(TestIds.TenantId, AdaId, "aad-ada", CancellationToken.None);
        await new PersonLeadership(_leaders.Object).ListAsync(TestIds.TenantId, AdaId, "aad-ada", CancellationToken.None);

        Assert.Equal(2, _queries);
    }

    [Fact]
    public async Task ListAsync_AfterAFailedRead_TheNextAskerReadsAgain()
    {
        var failing = new Mock<ILeaderStore>();
        var calls = 0;
        failing
            .Setup(l => l.ListForPersonAsync(TestIds.TenantId, AdaId, null, It.IsAny<CancellationToken>()))
            .Returns(() => ++calls == 1
                ? Failing()
                : new[] { LeaderTestData.Leader(AdaId) }.ToAsyncEnumerable());
        var leadership = new PersonLeadership(failing.Object);

        await Assert.ThrowsAsync<TimeoutException>(() => leadership.ListAsync(TestIds.TenantId, AdaId, null, CancellationToken.None));
        var rows = await leadership.ListAsync(TestIds.TenantId, AdaId, null, CancellationToken.None);

        Assert.Single(rows);
        Assert.Equal(2, calls);
    }

    private static async IAsyncEnumerable<Leader> Failing()
    {
        await Task.Yield();
        throw new TimeoutException("storage took too long");
#pragma warning disable CS0162 // An iterator needs a yield to be one.
        yield break;
#pragma warning restore CS0162
    }
}
