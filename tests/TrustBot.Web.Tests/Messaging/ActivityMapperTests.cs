using TrustBot.Core.Installations;
using TrustBot.Protocol.Activities;
using TrustBot.Web.Bot;

namespace TrustBot.Web.Tests.Messaging;

/// <summary>The mapper never throws on what the edge lets through: absent accounts, null arrays, null items.</summary>
public sealed class ActivityMapperTests
{
    private const string BotId = "28:8c3f1b52-6a1d-4e0f-9a7b-3c2d1e0f9a8b";

    [Fact]
    public void NullItemsInEntitiesAndMembers_AreSkipped()
    {
        var activity = TeamActivity();
        activity.Entities = [null!, new Entity { Type = Entity.MentionType, Text = "<at>TrustBot</at>", Mentioned = new ChannelAccount { Id = BotId } }, null!];
        activity.MembersAdded = [null!, new ChannelAccount { Id = BotId }];
        activity.Text = "<at>TrustBot</at> help";

        Assert.Equal("help", ActivityMapper.CommandText(activity));
        Assert.Empty(ActivityMapper.Mentions(activity));
        Assert.Null(ActivityMapper.ClientTimeZone(activity));
        Assert.Equal(InstallationChange.Added, ActivityMapper.ToInstallationEvent(activity)?.Change);
    }

    [Fact]
    public void AbsentRecipientFromAndConversation_GiveNoEventAndNoMentionStripping()
    {
        var activity = TeamActivity();
        activity.Recipient = null;
        activity.From = null;
        activity.Conversation = null;
        activity.MembersAdded = [null!];
        activity.Entities = [new Entity { Type = Entity.MentionType, Text = "<at>Someone</at>", Mentioned = null }];
        activity.Text = "<at>Someone</at> help";

        Assert.Null(ActivityMapper.ToInstallationEvent(activity));
        Assert.Null(ActivityMapper.ToIncomingMessage(activity));
        Assert.Equal("<at>Someone</at> help", ActivityMapper.CommandText(activity));
    }

    [Fact]
    public void AbsentArrays_AreEmpty()
    {
        var activity = TeamActivity();
        activity.Entities = null;
        activity.MembersAdded = null;
        activity.MembersRemoved = null;

        Assert.Empty(ActivityMapper.Mentions(activity));
        Assert.Null(ActivityMapper.ToInstallationEvent(activity));
    }

    private static Activity TeamActivity() => new()
    {
        Type = ActivityTypes.ConversationUpdate,
        ServiceUrl = "https://smba.trafficmanager.net/amer/",
        Recipient = new ChannelAccount { Id = BotId },
        From = new ChannelAccount { Id = "29:1user", AadObjectId = "9b2c4d6e-8f0a-4b1c-9d2e-3f4a5b6c7d8e" },
        Conversation = new ConversationAccount { Id = "19:team@thread.tacv2", ConversationType = ConversationTypes.Channel, TenantId = "3c8e5f1a-2b7d-4e9c-8a6f-1d0b2e4c6a8f" },
        ChannelData = new TeamsChannelData
        {
            Tenant = new TenantInfo { Id = "3c8e5f1a-2b7d-4e9c-8a6f-1d0b2e4c6a8f" },
            Team = new TeamInfo { Id = "19:team@thread.tacv2", Name = "Platform Crew" },
        },
    };
}
