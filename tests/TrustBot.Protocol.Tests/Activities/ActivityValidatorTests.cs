using TrustBot.Protocol.Activities;
using static TrustBot.Protocol.Activities.ActivityLimits;

namespace TrustBot.Protocol.Tests.Activities;

/// <summary>Each bound of <see cref="ActivityLimits"/>: a value at the limit passes, one past it fails naming the field.</summary>
public sealed class ActivityValidatorTests
{
    public static TheoryData<string, int> StringLimits => new()
    {
        { "id", MaxIdLength },
        { "replyToId", MaxIdLength },
        { "conversation.id", MaxIdLength },
        { "from.id", MaxIdLength },
        { "recipient.id", MaxIdLength },
        { "channelData.team.id", MaxIdLength },
        { "channelData.channel.id", MaxIdLength },
        { "channelData.settings.selectedChannel.id", MaxIdLength },
        { "entities[0].mentioned.id", MaxIdLength },
        { "membersAdded[0].id", MaxIdLength },
        { "membersRemoved[0].id", MaxIdLength },
        { "from.aadObjectId", MaxDirectoryIdLength },
        { "conversation.tenantId", MaxDirectoryIdLength },
        { "channelData.tenant.id", MaxDirectoryIdLength },
        { "channelData.team.aadGroupId", MaxDirectoryIdLength },
        { "from.name", MaxNameLength },
        { "recipient.name", MaxNameLength },
        { "conversation.name", MaxNameLength },
        { "channelData.team.name", MaxNameLength },
        { "channelData.channel.name", MaxNameLength },
        { "entities[0].mentioned.name", MaxNameLength },
        { "text", MaxTextLength },
        { "entities[0].text", MaxMentionTextLength },
        { "type", MaxKeywordLength },
        { "name", MaxKeywordLength },
        { "action", MaxKeywordLength },
        { "channelId", MaxKeywordLength },
        { "textFormat", MaxKeywordLength },
        { "conversation.conversationType", MaxKeywordLength },
        { "channelData.eventType", MaxKeywordLength },
        { "from.role", MaxKeywordLength },
        { "entities[1].type", MaxKeywordLength },
        { "locale", MaxLocaleLength },
        { "localTimezone", MaxTimeZoneLength },
        { "entities[1].timezone", MaxTimeZoneLength },
        { "serviceUrl", MaxServiceUrlLength },
    };

    [Fact]
    public void GoldenTeamsActivities_AllPass()
    {
        Assert.All(GoldenActivities.All, name => Assert.Null(ActivityValidator.Validate(GoldenActivities.Load(name))));
        Assert.Null(ActivityValidator.Validate(ValidatorActivities.Full()));
    }

    [Theory]
    [MemberData(nameof(StringLimits))]
    public void StringAtItsLimit_Passes(string field, int limit)
    {
        var activity = ValidatorActivities.Full();
        ValidatorActivities.Set(activity, field, ValidatorActivities.Filler(field, limit));

        Assert.Null(ActivityValidator.Validate(activity));
    }

    [Theory]
    [MemberData(nameof(StringLimits))]
    public void StringOneOverItsLimit_FailsNamingTheFieldAndTheLimit(string field, int limit)
    {
        var activity = ValidatorActivities.Full();
        var value = ValidatorActivities.Filler(field, limit + 1);
        ValidatorActivities.Set(activity, field, value);

        var violation = ActivityValidator.Validate(activity);

        Assert.NotNull(violation);
        Assert.Equal(field, violation.Field);
        Assert.Equal($"{field} is longer than {limit} characters.", violation.Message);
        Assert.DoesNotContain(value[^10..], violation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("19:4f2a9c1e7b3d4e5f8a6b0c1d2e3f4a5b@thread.tacv2")]
    [InlineData("19:a8f0c2e4b6d8f0a2c4e6b8d0f2a4c6e8@thread.tacv2;messageid=1776390257332")]
    [InlineData("19:meeting_NmRlYjBhZjQtYjM0Mi00ZWIx@thread.v2")]
    [InlineData("19:3f9e1c7a-5b2d_4e6f@unq.gbl.spaces")]
    [InlineData("a:1Xb7Qz0pLmN3vR8tYwE5uI2oK9jH6gF4dS1aZ7xC0vB3nM8qW5eR2tY9uI6oP3lK-_Ab")]
    [InlineData("29:1Qz8Wm3Xk5Rp7Tn9Vb2Yc4Ld6Hf0Js1Ga3Ke5Mi7Oq9SuWy2Ac4Eg6Ik8Mo0Qs")]
    [InlineData("8:orgid:9b2c4d6e-8f0a-4b1c-9d2e-3f4a5b6c7d8e")]
    [InlineData("28:8c3f1b52-6a1d-4e0f-9a7b-3c2d1e0f9a8b")]
    [InlineData("f:5c3a1e2b-7d4f-4a8e-9b1c-2e3f4a5b6c7d")]
    [InlineData("1:1Vb3Xd5Zf7Bh9Dj1Fl3Hn5Jp7Lr9Nt1Pv3Rx5Tz7Vb9Xd1Zf")]
    public void RealTeamsIds_Pass(string id)
    {
        var activity = ValidatorActivities.Full();
        activity.Conversation!.Id = id;
        activity.From!.Id = id;
        activity.ChannelData!.Team!.Id = id;

        Assert.Null(ActivityValidator.Validate(activity));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("\\")]
    [InlineData("#")]
    [InlineData("?")]
    [InlineData("%")]
    [InlineData("|")]
    [InlineData(" ")]
    [InlineData("\u0000")]
    [InlineData("\u001f")]
    [InlineData("\u007f")]
    [InlineData("\u0085")]
    [InlineData("\u009f")]
    [InlineData("é")]
    [InlineData("\u200f")]
    public void IdWithACharacterKeysOrUrlsCannotCarry_Fails(string character)
    {
        var activity = ValidatorActivities.Full();
        activity.ChannelData!.Channel!.Id = "19:abc" + character + "def@thread.tacv2";

        var violation = ActivityValidator.Validate(activity);

        Assert.Equal("channelData.channel.id", violation?.Field);
        Assert.Contains("not allowed in an id", violation!.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData(".", "dot segment")]
    [InlineData("..", "dot segment")]
    public void EmptyOrDotSegmentId_Fails(string id, string problem)
    {
        var activity = ValidatorActivities.Full();
        activity.Conversation!.Id = id;

        var violation = ActivityValidator.Validate(activity);

        Assert.Equal("conversation.id", violation?.Field);
        Assert.Contains(problem, violation!.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Équipe Plateforme 🚀")]
    [InlineData("فريق المنصة")]
    [InlineData("צוות 👩🏽‍💻")]
    [InlineData("Ada \u200fLovelace")]
    public void NamesInAnyScript_Pass(string name)
    {
        var activity = ValidatorActivities.Full();
        activity.ChannelData!.Team!.Name = name;
        activity.From!.Name = name;

        Assert.Null(ActivityValidator.Validate(activity));
    }

    [Fact]
    public void NameWithAControlCharacter_Fails()
    {
        var activity = ValidatorActivities.Full();
        activity.ChannelData!.Team!.Name = "Platform\nCrew";

        Assert.Equal("channelData.team.name contains a control character.", ActivityValidator.Validate(activity)?.Message);
    }

    [Fact]
    public void TextWithHtmlAndNewlines_Passes()
    {
        var activity = ValidatorActivities.Full();
        activity.Text = "<at>TrustBot</at> leaders add <at>Grace</at>\r\n<p>&nbsp;thanks</p>\t😀";

        Assert.Null(ActivityValidator.Validate(activity));
    }

    [Theory]
    [InlineData("abc", 0xD800, "")]
    [InlineData("", 0xDC00, "abc")]
    [InlineData("a", 0xD83D, "b")]
    public void TextWithAnUnpairedSurrogate_Fails(string before, int surrogate, string after)
    {
        // Built here: an attribute cannot hold an unpaired surrogate, the compiler would replace it.
        var activity = ValidatorActivities.Full();
        activity.Text = before + (char)surrogate + after;

        Assert.Equal("text", ActivityValidator.Validate(activity)?.Field);
    }

    [Fact]
    public void ServiceUrlThatIsNotAnHttpUrl_Fails()
    {
        var activity = ValidatorActivities.Full();
        activity.ServiceUrl = "not a url";

        Assert.Equal("serviceUrl", ActivityValidator.Validate(activity)?.Field);
    }

    [Fact]
    public void NullItemsAndAbsentFields_Pass()
    {
        var activity = ValidatorActivities.Full();
        activity.Entities!.Add(null!);
        activity.MembersAdded!.Insert(0, null!);
        activity.Recipient = null;
        activity.ChannelData!.Team = null;

        Assert.Null(ActivityValidator.Validate(activity));
    }
}
