using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Cards;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Core.SpeakUp;
using TrustBot.Core.Tests.Fakes;

namespace TrustBot.Core.Tests.SpeakUp;

public sealed class NoteRepostJobTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 3, 11, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Texts = ["We ship before we agree on done.", "Standups run long.", "I'd like more pairing."];

    private readonly InMemorySpeakUpStore _store = new();
    private readonly InMemoryInstallationStore _installations = new();
    private readonly Mock<IBallotBox> _ballots = new();
    private readonly Mock<IBotMessenger> _messenger = new();
    private readonly List<(ConversationAddress Address, string Text)> _sent = [];
    private readonly ServiceProvider _services;
    private readonly RecordingLogger<NoteRepostJob> _logger = new();

    public NoteRepostJobTests()
    {
        _messenger
            .Setup(m => m.SendTextAsync(It.IsAny<ConversationAddress>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback<ConversationAddress, string, CancellationToken>((address, text, _) => _sent.Add((address, text)))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Delivered, "posted"));
        _services = new ServiceCollection().AddSingleton(_messenger.Object).BuildServiceProvider();
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task RepostDueAsync_BelowThreshold_PostsAndMarksNothing()
    {
        await SeedAsync(shareNotes: true, replies: 2);

        Assert.Equal(0, await Job().RepostDueAsync(CancellationToken.None));

        Assert.Empty(_sent);
        Assert.All(await NotesAsync(), n => Assert.False(n.Reposted));
    }

    [Fact]
    public async Task RepostDueAsync_AtThreshold_PostsEachNoteOnceIntoTheSessionsConversationAndMarksIt()
    {
        await SeedAsync(shareNotes: true, replies: 3);
        var job = Job();

        Assert.Equal(3, await job.RepostDueAsync(CancellationToken.None));
        Assert.Equal(0, await job.RepostDueAsync(CancellationToken.None));

        Assert.Equal(Texts.Select(NotesRepost.Text).Order(StringComparer.Ordinal), _sent.Select(s => s.Text).Order(StringComparer.Ordinal));
        Assert.All(_sent, s => Assert.Equal(new ConversationAddress(TestIds.TenantId, TestIds.OtherServiceUrl, TestIds.ChosenChannelId, TestIds.BotId), s.Address));
        Assert.All(await NotesAsync(), n => Assert.True(n.Reposted));
    }

    [Fact]
    public async Task RepostDueAsync_NoteStoredAfterAPass_PostsOnlyTheNewOne()
    {
        await SeedAsync(shareNotes: true, replies: 4);
        var job = Job();
        await job.RepostDueAsync(CancellationToken.None);
        await _store.SaveNoteAsync(new Note(TestIds.TenantId, TestIds.TeamId, "s-1", "late", "Late thought.", Now), CancellationToken.None);

        Assert.Equal(1, await job.RepostDueAsync(CancellationToken.None));

        Assert.Equal(NotesRepost.Text("Late thought."), _sent[^1].Text);
        Assert.Equal(4, _sent.Count);
    }

    [Fact]
    public async Task RepostDueAsync_SettingOff_PostsNothing()
    {
        await SeedAsync(shareNotes: false, replies: 10);

        Assert.Equal(0, await Job().RepostDueAsync(CancellationToken.None));

        Assert.Empty(_sent);
        _ballots.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task RepostDueAsync_InstallationRemoved_PostsNothing()
    {
        await SeedAsync(shareNotes: true, replies: 10);
        await _installations.MarkRemovedAsync(TestIds.TenantId, TestIds.TeamId, Now, CancellationToken.None);

        Assert.Equal(0, await Job().RepostDueAsync(CancellationToken.None));

        Assert.Empty(_sent);
    }

    [Fact]
    public async Task RepostDueAsync_DeliveryFails_MarksNothingAndTheNextPassPostsEveryNote()
    {
        await SeedAsync(shareNotes: true, replies: 3);
        _messenger
            .SetupSequence(m => m.SendTextAsync(It.IsAny<ConversationAddress>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Throttled))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Delivered, "1"))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Delivered, "2"))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Delivered, "3"));
        var job = Job();

        Assert.Equal(0, await job.RepostDueAsync(CancellationToken.None));
        Assert.All(await NotesAsync(), n => Assert.False(n.Reposted));

        Assert.Equal(3, await job.RepostDueAsync(CancellationToken.None));
        Assert.All(await NotesAsync(), n => Assert.True(n.Reposted));
        _messenger.Verify(m => m.SendTextAsync(It.IsAny<ConversationAddress>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Exactly(4));
    }

    [Fact]
    public async Task RepostDueAsync_ClosedSession_IsNotReposted()
    {
        await SeedAsync(shareNotes: true, replies: 3);
        await _store.CloseSessionAsync(TestIds.TenantId, "s-1", Now, CancellationToken.None);

        Assert.Equal(0, await Job().RepostDueAsync(CancellationToken.None));

        Assert.Empty(_sent);
    }

    [Fact]
    public async Task RepostDueAsync_ManyPasses_PostsTheNotesInVaryingOrder()
    {
        await SeedAsync(shareNotes: true, replies: 3);
        var firsts = new HashSet<string>(StringComparer.Ordinal);
        for (var pass = 0; pass < 30 && firsts.Count < 2; pass++)
        {
            _sent.Clear();
            var store = new InMemorySpeakUpStore();
            await FillAsync(store);
            await Job(store).RepostDueAsync(CancellationToken.None);
            firsts.Add(_sent[0].Text);
        }

        // Three notes in random order: thirty passes all starting with the same note would have odds of 3 in 3^30.
        Assert.True(firsts.Count > 1);
    }

    [Fact]
    public async Task RepostDueAsync_Any_LogsNoNoteTextOrIdsAboveDebug()
    {
        await SeedAsync(shareNotes: true, replies: 3);
        _messenger
            .SetupSequence(m => m.SendTextAsync(It.IsAny<ConversationAddress>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Delivered, "1"))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Failed));

        await Job().RepostDueAsync(CancellationToken.None);

        var visible = _logger.Entries.Where(e => e.Level > LogLevel.Debug).Select(e => e.Message).ToList();
        Assert.Contains(visible, m => m.Contains("Failed", StringComparison.Ordinal));
        string[] secrets = [.. Texts, "s-1", TestIds.TenantId, TestIds.TeamId, TestIds.ChosenChannelId];
        Assert.DoesNotContain(visible, m => secrets.Any(s => m.Contains(s, StringComparison.Ordinal)));
    }

    private NoteRepostJob Job(ISpeakUpStore? store = null) =>
        new(store ?? _store, _installations, _ballots.Object, _services.GetRequiredService<IServiceScopeFactory>(), new FakeTimeProvider(Now), _logger);

    private async Task SeedAsync(bool shareNotes, int replies)
    {
        _installations.Seed(TestTeams.InstalledAt(Now.AddDays(-30)) with
        {
            // Fresher than the one the session was posted with: the job uses the installation's current route.
            ServiceUrl = TestIds.OtherServiceUrl,
            ShareNotesInChannel = shareNotes,
        });
        await FillAsync(_store);
        _ballots
            .Setup(b => b.GetTallyAsync(TestIds.TenantId, "s-1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Tally(replies, new Dictionary<string, int[]>()));
    }

    private static async Task FillAsync(InMemorySpeakUpStore store)
    {
        await store.CreateSessionAsync(SpeakUpCloserTests.Session("s-1", Now.AddDays(3)), [1, 2, 3], CancellationToken.None);
        for (var i = 0; i < Texts.Length; i++)
        {
            await store.SaveNoteAsync(new Note(TestIds.TenantId, TestIds.TeamId, "s-1", $"n-{i}", Texts[i], Now), CancellationToken.None);
        }
    }

    private async Task<List<Note>> NotesAsync()
    {
        var notes = new List<Note>();
        await foreach (var note in _store.ListNotesAsync(TestIds.TenantId, "s-1", CancellationToken.None))
        {
            notes.Add(note);
        }

        return notes;
    }
}
