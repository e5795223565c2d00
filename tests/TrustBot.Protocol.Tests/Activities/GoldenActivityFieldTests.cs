using System.Text.Json;
using TrustBot.Protocol.Activities;

namespace TrustBot.Protocol.Tests.Activities;

public sealed class GoldenActivityFieldTests
{
    private const string TenantId = "3c8e5f1a-2b7d-4e9c-8a6f-1d0b2e4c6a8f";
    private const string BotId = "28:8c3f1b52-6a1d-4e0f-9a7b-3c2d1e0f9a8b";
    private const string TeamId = "19:4f2a9c1e7b3d4e5f8a6b0c1d2e3f4a5b@thread.tacv2";
    private const string ChosenChannelId = "19:a8f0c2e4b6d8f0a2c4e6b8d0f2a4c6e8@thread.tacv2";
    private const string InstallerAadObjectId = "9b2c4d6e-8f0a-4b1c-9d2e-3f4a5b6c7d8e";

    [Fact]
    public void Load_TeamInstall_ReadsTeamChannelAndSelectedChannel()
    {
        var activity = GoldenActivities.Load(GoldenActivities.InstallTeam);

        Assert.Equal(ActivityTypes.InstallationUpdate, activity.Type);
        Assert.Equal(InstallationUpdateActions.Add, activity.Action);
        Assert.Equal(ConversationTypes.Channel, activity.Conversation?.ConversationType);
        Assert.True(activity.Conversation?.IsGroup);
        Assert.Equal(TenantId, activity.TenantId);
        Assert.Equal(TeamId, activity.ChannelData?.Team?.Id);
        Assert.Equal("Platform Crew", activity.ChannelData?.Team?.Name);
        Assert.Equal("e1d2c3b4-a5f6-4789-9abc-def012345678", activity.ChannelData?.Team?.AadGroupId);
        Assert.Equal(TeamId, activity.ChannelData?.Channel?.Id);
        Assert.Equal(ChosenChannelId, activity.ChannelData?.Settings?.SelectedChannel?.Id);
        Assert.Null(activity.ChannelData?.EventType);
        Assert.Equal(InstallerAadObjectId, activity.From?.AadObjectId);
        Assert.Equal("America/New_York", activity.LocalTimezone);
    }

    [Fact]
    public void Load_TeamInstall_KeepsUnknownMembersAsExtensionData()
    {
        var activity = GoldenActivities.Load(GoldenActivities.InstallTeam);

        Assert.Equal(JsonValueKind.Object, activity.ExtensionData!["x-unknown-top-level"].ValueKind);
        Assert.Equal("kept", activity.ChannelData!.Settings!.ExtensionData!["x-unknown-setting"].GetString());
        Assert.Equal("message", activity.ChannelData.ExtensionData!["source"].GetProperty("name").GetString());
        var clientInfo = Assert.Single(activity.Entities!);
        Assert.Equal(Entity.ClientInfoType, clientInfo.Type);
        Assert.Equal("America/New_York", clientInfo.Timezone);
        Assert.Equal("Web", clientInfo.ExtensionData!["platform"].GetString());
    }

    [Fact]
    public void Load_BotAddedToTeam_ReadsEventTypeAndBotAsAddedMember()
    {
        var activity = GoldenActivities.Load(GoldenActivities.BotAddedToTeam);

        Assert.Equal(ActivityTypes.ConversationUpdate, activity.Type);
        Assert.Equal(TeamsEventTypes.TeamMemberAdded, activity.ChannelData?.EventType);
        Assert.Equal(BotId, Assert.Single(activity.MembersAdded!).Id);
        Assert.Equal(activity.Recipient?.Id, activity.MembersAdded![0].Id);
        Assert.Equal(TeamId, activity.ChannelData?.Team?.Id);
        Assert.Equal(ChosenChannelId, activity.ChannelData?.Settings?.SelectedChannel?.Id);
        Assert.Null(activity.ChannelData?.Channel);
        Assert.True(activity.ExtensionData!["x-unknown-flag"].GetBoolean());
    }

    [Fact]
    public void Load_PersonalInstall_ReadsPersonalConversationWithoutTeam()
    {
        var activity = GoldenActivities.Load(GoldenActivities.InstallPersonal);

        Assert.Equal(ActivityTypes.InstallationUpdate, activity.Type);
        Assert.Equal(InstallationUpdateActions.Add, activity.Action);
        Assert.Equal(ConversationTypes.Personal, activity.Conversation?.ConversationType);
        Assert.Null(activity.Conversation?.IsGroup);
        Assert.StartsWith("a:", activity.Conversation?.Id, StringComparison.Ordinal);
        Assert.Null(activity.ChannelData?.Team);
        Assert.Equal(TenantId, activity.TenantId);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 2, 44, TimeSpan.Zero).AddTicks(1029384), activity.LocalTimestamp);
    }

    [Fact]
    public void Load_BotAddedToGroupChat_ReadsGroupChat()
    {
        var activity = GoldenActivities.Load(GoldenActivities.BotAddedToGroupChat);

        Assert.Equal(ActivityTypes.ConversationUpdate, activity.Type);
        Assert.Equal(ConversationTypes.GroupChat, activity.Conversation?.ConversationType);
        Assert.Equal("19:3f9e1c7a5b2d4e6f8a0b1c2d3e4f5a6b@thread.v2", activity.Conversation?.Id);
        Assert.Equal(BotId, Assert.Single(activity.MembersAdded!).Id);
        Assert.Null(activity.ChannelData?.EventType);
        Assert.Equal(7, activity.Conversation!.ExtensionData!["x-unknown-conversation-field"].GetInt32());
    }

    [Fact]
    public void Load_Upgrade_ReadsAddUpgradeAction()
    {
        var activity = GoldenActivities.Load(GoldenActivities.UpgradeTeam);

        Assert.Equal(ActivityTypes.InstallationUpdate, activity.Type);
        Assert.Equal(InstallationUpdateActions.AddUpgrade, activity.Action);
        Assert.Equal(TeamId, activity.ChannelData?.Team?.Id);
        Assert.Null(activity.ChannelData?.Settings);
    }

    [Fact]
    public void Load_TeamRemoval_ReadsRemoveAction()
    {
        var activity = GoldenActivities.Load(GoldenActivities.RemoveTeam);

        Assert.Equal(ActivityTypes.InstallationUpdate, activity.Type);
        Assert.Equal(InstallationUpdateActions.Remove, activity.Action);
        Assert.Equal(TeamId, activity.ChannelData?.Team?.Id);
        Assert.Equal(TenantId, activity.TenantId);
    }

    [Fact]
    public void Load_BotRemovedFromTeam_ReadsEventTypeAndBotAsRemovedMember()
    {
        var activity = GoldenActivities.Load(GoldenActivities.BotRemovedFromTeam);

        Assert.Equal(ActivityTypes.ConversationUpdate, activity.Type);
        Assert.Equal(TeamsEventTypes.TeamMemberRemoved, activity.ChannelData?.EventType);
        Assert.Equal(BotId, Assert.Single(activity.MembersRemoved!).Id);
        Assert.Null(activity.MembersAdded);
    }

    [Fact]
    public void Load_ChannelHelp_ReadsTextMentionAndThreadConversation()
    {
        var activity = GoldenActivities.Load(GoldenActivities.ChannelHelp);

        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Equal("<at>TrustBot</at> help\n", activity.Text);
        Assert.Equal("1776390257332", activity.Id);
        Assert.Equal(ChosenChannelId + ";messageid=1776390257332", activity.Conversation?.Id);
        Assert.Equal(ChosenChannelId, activity.ChannelData?.Channel?.Id);
        Assert.Equal(TeamId, activity.ChannelData?.Team?.Id);
        var mention = Assert.Single(activity.Entities!, e => e.Type == Entity.MentionType);
        Assert.Equal("<at>TrustBot</at>", mention.Text);
        Assert.Equal(BotId, mention.Mentioned?.Id);
        Assert.Contains(mention.Text!, activity.Text, StringComparison.Ordinal);
        var html = Assert.Single(activity.Attachments!);
        Assert.Equal("text/html", html.ContentType);
        Assert.Equal(TeamId, activity.ChannelData!.ExtensionData!["teamsTeamId"].GetString());
    }

    [Fact]
    public void Load_PersonalHelp_ReadsTextAndSender()
    {
        var activity = GoldenActivities.Load(GoldenActivities.PersonalHelp);

        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Equal("help", activity.Text);
        Assert.Equal(ConversationTypes.Personal, activity.Conversation?.ConversationType);
        Assert.Equal(InstallerAadObjectId, activity.From?.AadObjectId);
        Assert.Equal("Avery Quinn", activity.From?.Name);
        Assert.DoesNotContain(activity.Entities!, e => e.Type == Entity.MentionType);
        Assert.Equal(JsonValueKind.Object, activity.From!.ExtensionData!["x-unknown-account-field"].ValueKind);
    }

    [Fact]
    public void Load_CardAction_ReadsInvokeNameVerbDataAndReplyToId()
    {
        var activity = GoldenActivities.Load(GoldenActivities.CardAction);

        Assert.Equal(ActivityTypes.Invoke, activity.Type);
        Assert.Equal(InvokeNames.AdaptiveCardAction, activity.Name);
        Assert.Equal("1776390300001", activity.ReplyToId);
        var value = activity.Value!.Value;
        Assert.Equal("manual", value.GetProperty("trigger").GetString());
        var action = value.GetProperty("action");
        Assert.Equal("Action.Execute", action.GetProperty("type").GetString());
        Assert.Equal("checkin.answer", action.GetProperty("verb").GetString());
        Assert.Equal(6, action.GetProperty("data").GetProperty("answer").GetInt32());
        Assert.Equal("ck-2026w48-a1b2c3", action.GetProperty("data").GetProperty("checkinId").GetString());
    }

    [Fact]
    public void Load_CardSubmit_ReadsValueWithoutText()
    {
        var activity = GoldenActivities.Load(GoldenActivities.CardSubmit);

        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Null(activity.Text);
        Assert.Equal("1776390300001", activity.ReplyToId);
        var value = activity.Value!.Value;
        Assert.Equal(JsonValueKind.Object, value.ValueKind);
        Assert.Equal("speakup.submit", value.GetProperty("action").GetString());
        Assert.Equal("sp-2026w48-d4e5f6", value.GetProperty("promptId").GetString());
    }
}
