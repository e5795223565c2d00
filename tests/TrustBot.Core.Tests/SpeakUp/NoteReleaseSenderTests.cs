using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Moq;
using TrustBot.Core.Messaging;
using TrustBot.Core.SpeakUp;
using TrustBot.Core.Tests.Fakes;
using static TrustBot.Core.Tests.Cards.CardInspection;

namespace TrustBot.Core.Tests.SpeakUp;

public sealed class NoteReleaseSenderTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 11, 9, 0, 0, TimeSpan.Zero);

    private readonly InMemorySpeakUpStore _store = new();
    private readonly InMemoryInstallationStore _installations = new();
    private readonly Mock<IBotMessenger> _messenger = new();
    private readonly List<(ConversationAddress Address, JsonObject Card, string Summary)> _posted = [];
    private readonly RecordingLogger<NoteReleaseSender> _logger = new();
    private readonly SpeakUpSession _session = SpeakUpCloseJobTests.Session("s-1", Now.AddDays(3));

    public NoteReleaseSenderTests()
    {
        _messenger
            .Setup(m => m.SendCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback<ConversationAddress, JsonObject, string, CancellationToken>((address, card, summary, _) => _posted.Add((address, card, summary)))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Delivered, "posted"));
    }

    [Fact]
    public async Task Send_PostsOnlyThatGroupsNotesInNoteIdOrderIntoThePromptsChannel()
    {
        await SeedAsync(shareNotes: true);

        var result = await Sender().SendAsync(NoteReleases.Post(_session, 1, 0), CancellationToken.None);

        Assert.True(result.IsDelivered);
        var (address, card, summary) = Assert.Single(_posted);
        Assert.Equal(new ConversationAddress(TestIds.TenantId, TestIds.OtherServiceUrl, TestIds.ChosenChannelId, TestIds.BotId), address);
        Assert.Equal(NoteReleaseCard.Summary, summary);
        Assert.Equal(["“Note a”", "“Note b”", "“Note c”"], Texts(card).Where(t => t.StartsWith('“')));
    }

    [Fact]
    public async Task Send_TeamStoppedSharing_SettlesWithoutPosting()
    {
        await SeedAsync(shareNotes: false);

        Assert.True((await Sender().SendAsync(NoteReleases.Post(_session, 1, 0), CancellationToken.None)).IsDelivered);

        Assert.Empty(_posted);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"sessionId\":\"s-1\",\"release\":0,\"page\":0}")]
    [InlineData("{\"sessionId\":\"s-1\",\"release\":1,\"page\":1}")]
    [InlineData("{\"sessionId\":\"s-9\",\"release\":1,\"page\":0}")]
    public async Task Send_NoSuchGroupPageOrPrompt_SettlesWithoutPosting(string payload)
    {
        await SeedAsync(shareNotes: true);
        var send = NoteReleases.Post(_session, 1, 0) with { PayloadJson = payload };

        Assert.True((await Sender().SendAsync(send, CancellationToken.None)).IsDelivered);

        Assert.Empty(_posted);
    }

    [Fact]
    public async Task Send_Throttled_ReturnsItForTheWorkerToRetryAndLogsNoIds()
    {
        await SeedAsync(shareNotes: true);
        _messenger
            .Setup(m => m.SendCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Throttled));

        var result = await Sender().SendAsync(NoteReleases.Post(_session, 1, 0), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Throttled, result.Outcome);
        var entry = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Warning);
        string[] secrets = ["s-1", "Note", TestIds.TenantId, TestIds.TeamId, TestIds.ChosenChannelId];
        Assert.DoesNotContain(secrets, s => entry.Message.Contains(s, StringComparison.Ordinal));
    }

    private NoteReleaseSender Sender() => new(_store, _installations, _messenger.Object, _logger);

    /// <summary>Group 1 holds notes a, b and c (stored in another order), group 2 holds d and e, and f is held.</summary>
    private async Task SeedAsync(bool shareNotes)
    {
        _installations.Seed(TestTeams.InstalledAt(Now.AddDays(-30)) with { ServiceUrl = TestIds.OtherServiceUrl, ShareNotesInChannel = shareNotes });
        await _store.CreateSessionAsync(_session, [1, 2, 3], CancellationToken.None);
        foreach (var id in new[] { "c", "a", "f", "b", "e", "d" })
        {
            await _store.SaveNoteAsync(new Note(TestIds.TenantId, TestIds.TeamId, "s-1", id, $"Note {id}", Now), CancellationToken.None);
        }

        await ReleaseAsync(["c", "a", "b"]);
        await ReleaseAsync(["d", "e"]);
    }

    private async Task ReleaseAsync(IReadOnlyList<string> ids)
    {
        var state = await _store.GetReleaseStateAsync(TestIds.TenantId, "s-1", CancellationToken.None);
        Assert.True(await _store.CommitReleaseAsync(state, new NoteReleaseUpdate(TestIds.TeamId, ids, Now, NotePosting.None), CancellationToken.None));
    }
}
