using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using TrustBot.Core.Cards;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Commands;
using TrustBot.Core.Digests;
using TrustBot.Core.Messaging;
using TrustBot.Core.Nudges;
using TrustBot.Core.Settings;
using TrustBot.Core.SpeakUp;
using TrustBot.Testing.Schemas;
using static TrustBot.Core.Tests.Cards.CardInspection;

namespace TrustBot.Core.Tests.Cards;

public sealed class StorageOutageViewsTests
{
    public static TheoryData<string> Views() =>
        ["checkin-vote", "checkin-refresh", "speakup-submit", "speakup-refresh", "settings-save", "nudge", "prediction", "unknown-verb"];

    [Theory]
    [MemberData(nameof(Views))]
    public async Task View_ValidatesAgainstAdaptiveCard15Schema(string view)
    {
        var errors = await AdaptiveCardSchema.ValidateAsync(Build(view));

        Assert.True(errors.Count == 0, AdaptiveCardSchema.Describe(errors));
    }

    [Theory]
    [MemberData(nameof(Views))]
    public void View_SaysStorageIsUnreachableAndNeverThanks(string view)
    {
        var text = string.Join("\n", Texts(Build(view)));

        Assert.Contains("can't reach my storage", text, StringComparison.Ordinal);
        Assert.DoesNotContain("thanks", text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("checkin-vote", CardVerbs.CheckInRefresh)]
    [InlineData("speakup-submit", CardVerbs.SpeakUpRefresh)]
    [InlineData("settings-save", SettingsVerbs.Open)]
    [InlineData("nudge", NudgeVerbs.Done)]
    [InlineData("prediction", DigestVerbs.Predict)]
    public void View_OffersTryAgain(string view, string verb)
    {
        // The check-in and speak-up views also carry a refresh (an untitled Action.Execute); the button is the titled one.
        var retry = Assert.Single(Elements(Build(view), "Action.Execute"), a => a["title"] is not null);

        Assert.Equal(StorageOutageViews.TryAgainTitle, (string?)retry["title"]);
        Assert.Equal(verb, (string?)retry["verb"]);
    }

    [Fact]
    public void Prediction_TryAgainCarriesTheValidatedNumberOnly()
    {
        var retry = Assert.Single(Elements(Build("prediction"), "Action.Execute"));

        Assert.Equal("72", (string?)retry["data"]![DigestVerbs.PredictionInput]);
        Assert.Equal("team-key", (string?)retry["data"]![DigestVerbs.TeamKey]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void TryAgain_MissingId_NoButton(string? id)
    {
        Assert.Null(StorageOutageViews.TryAgain(CardVerbs.CheckInRefresh, CardData.CheckInId, id));
        Assert.Empty(Elements(CheckInCard.StorageUnavailable(id, answerSent: true), "Action.Execute"));
    }

    [Fact]
    public void TryAgain_UntrustedValueLongerThanAnyOfOurIds_IsNotEchoed()
    {
        var card = CheckInCard.StorageUnavailable(new string('x', 257), answerSent: true);

        Assert.Empty(Elements(card, "Action.Execute"));
        Assert.Null(card["refresh"]);
    }

    private static JsonObject Build(string view) => view switch
    {
        "checkin-vote" => CheckInCard.StorageUnavailable("c1", answerSent: true),
        "checkin-refresh" => CheckInCard.StorageUnavailable("c1", answerSent: false),
        "speakup-submit" => SpeakUpCard.StorageUnavailable("s1", noteSent: true),
        "speakup-refresh" => SpeakUpCard.StorageUnavailable("s1", noteSent: false),
        "settings-save" => Router().StorageUnavailableCard(Action(SettingsVerbs.Save, new() { [SettingsVerbs.TeamKey] = "team-key" })),
        "nudge" => Router().StorageUnavailableCard(Action(NudgeVerbs.Done, new() { [NudgeVerbs.NudgeId] = "n1" })),
        "prediction" => Router().StorageUnavailableCard(Action(
            DigestVerbs.Predict,
            new() { [DigestVerbs.TeamKey] = "team-key", [DigestVerbs.AsOf] = "2026-11-23T09:00:00Z", [DigestVerbs.PredictionInput] = " 72 " })),
        "unknown-verb" => Router().StorageUnavailableCard(Action("no.such.verb", [])),
        _ => throw new ArgumentOutOfRangeException(nameof(view)),
    };

    // Only the outage card is asked for, so the handlers' stores are never touched: nulls stand in for them.
    private static CardActionRouter Router() => new(
        [
            new SettingsActionHandler(null!, null!, null!, null!, null!, null!, TimeProvider.System, NullLogger<SettingsActionHandler>.Instance),
            new NudgeActionHandler(null!, null!, null!, null!, null!, null!, TimeProvider.System, NullLogger<NudgeActionHandler>.Instance),
            new PredictionActionHandler(null!, null!, null!, null!, null!, TimeProvider.System, NullLogger<PredictionActionHandler>.Instance),
        ],
        NullLogger<CardActionRouter>.Instance);

    private static CardAction Action(string verb, JsonObject data) => new()
    {
        TenantId = "tenant-1",
        Kind = ConversationKind.Personal,
        ConversationId = "a:1chat",
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        BotId = "28:bot",
        Verb = verb,
        Data = data,
        FromId = "29:1leader",
    };
}
