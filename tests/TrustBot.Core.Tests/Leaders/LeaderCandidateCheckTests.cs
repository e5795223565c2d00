using Moq;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Tests.Leaders;

public sealed class LeaderCandidateCheckTests
{
    private const string GraceId = "29:1grace";

    private readonly Mock<IBotMessenger> _messenger = new();

    public LeaderCandidateCheckTests()
    {
        _messenger
            .Setup(m => m.ListMembersAsync(TestIds.TenantId, TestIds.ServiceUrl, TestIds.TeamId, It.IsAny<CancellationToken>()))
            .Returns(() => new[] { new TeamMember("29:1ada", null, "Ada Lovelace"), new TeamMember(GraceId, null, "Grace Hopper") }.ToAsyncEnumerable());
    }

    [Fact]
    public async Task ProblemAsync_APersonOnTheRoster_IsAccepted()
    {
        Assert.Null(await Check(new TeamMember(GraceId, null, "Grace Hopper")));
    }

    [Theory]
    [InlineData("19:chan123@thread.tacv2", "General")]
    [InlineData("19:tag-abc@thread.skype", "Designers")]
    [InlineData("someone-else", "Mallory")]
    public async Task ProblemAsync_NotAPersonId_IsRefusedWithoutAskingTheRoster(string id, string name)
    {
        var problem = await Check(new TeamMember(id, null, name));

        Assert.Contains($"{name} isn't a person", problem, StringComparison.Ordinal);
        _messenger.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ProblemAsync_APersonNotOnTheRoster_IsRefused()
    {
        var problem = await Check(new TeamMember("29:1stranger", null, "Eve"));

        Assert.Contains("Eve isn't a member of **Platform Team**", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProblemAsync_RosterUnreadable_RefusesAndSaysToTryAgain()
    {
        _messenger
            .Setup(m => m.ListMembersAsync(TestIds.TenantId, TestIds.ServiceUrl, TestIds.TeamId, It.IsAny<CancellationToken>()))
            .Returns(Throwing);

        var problem = await Check(new TeamMember(GraceId, null, "Grace Hopper"));

        Assert.Contains("couldn't read the member list", problem, StringComparison.Ordinal);
    }

    private Task<string?> Check(TeamMember person) =>
        new LeaderCandidateCheck(_messenger.Object).ProblemAsync(LeaderTestData.Team(), person, CancellationToken.None);

    private static async IAsyncEnumerable<TeamMember> Throwing()
    {
        await Task.Yield();
        throw new InvalidOperationException("The roster could not be read (403 Forbidden).");
#pragma warning disable CS0162 // An async iterator needs a yield to be one.
        yield break;
#pragma warning restore CS0162
    }
}
