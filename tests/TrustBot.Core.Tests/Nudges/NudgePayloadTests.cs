using System.Text.Json.Nodes;
using TrustBot.Core.Leaders;
using TrustBot.Core.Nudges;

namespace TrustBot.Core.Tests.Nudges;

public sealed class NudgePayloadTests
{
    [Fact]
    public void Parse_RemindPayload_RoundTrips()
    {
        var payload = NudgePayload.Parse(NudgePayload.Remind("ng-42").ToJson());

        Assert.True(payload.IsReminder);
        Assert.Equal("ng-42", payload.NudgeId);
    }

    [Fact]
    public void ToJson_Weekly_IsMinimal()
    {
        Assert.Equal("{\"reason\":\"weekly\"}", NudgePayload.Weekly.ToJson());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"reason\":\"remind\"}")]
    public void Parse_UnusablePayload_IsNotAReminder(string? json)
    {
        Assert.False(NudgePayload.Parse(json).IsReminder);
    }

    [Theory]
    [InlineData("a:1chat")]
    [InlineData(null)]
    public void Parse_PlannedPayload_RoundTripsThePlanForItsRecipient(string? chat)
    {
        var route = new LeaderChatRoute(TestIds.TenantId, TestIds.TeamId, "29:1ada", TestIds.ServiceUrl, TestIds.BotId, chat);
        var plan = new NudgePlan("ng-1", "habit-1", 4, "Platform Team", route, new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

        var payload = NudgePayload.Parse(NudgePayload.Planned(plan).ToJson());

        Assert.False(payload.IsReminder);
        Assert.Equal(NudgePayload.WeeklyReason, payload.Reason);
        Assert.Equal(plan, NudgePlan.FromJson(payload.Plan, TestIds.TenantId, TestIds.TeamId, "29:1ada"));
    }

    [Theory]
    [InlineData("nudgeId")]
    [InlineData("habitId")]
    [InlineData("serviceUrl")]
    [InlineData("botId")]
    [InlineData("streak")]
    [InlineData("at")]
    public void FromJson_PlanMissingAPart_IsNoPlan(string part)
    {
        var route = new LeaderChatRoute(TestIds.TenantId, TestIds.TeamId, "29:1ada", TestIds.ServiceUrl, TestIds.BotId, null);
        var json = new NudgePlan("ng-1", "habit-1", 0, "", route, DateTimeOffset.UnixEpoch).ToJson();
        json.Remove(part);

        Assert.Null(NudgePlan.FromJson(json, TestIds.TenantId, TestIds.TeamId, "29:1ada"));
        Assert.Null(NudgePlan.FromJson(JsonValue.Create(3), TestIds.TenantId, TestIds.TeamId, "29:1ada"));
    }

    [Fact]
    public void IsFreshAt_WithinTheFreshnessOnly()
    {
        var at = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        var plan = new NudgePlan("ng-1", "habit-1", 0, "", new LeaderChatRoute("t", "team", "29:1ada", "https://x/", "28:bot", null), at);

        Assert.True(plan.IsFreshAt(at));
        Assert.True(plan.IsFreshAt(at + NudgePlan.FreshFor));
        Assert.False(plan.IsFreshAt(at + NudgePlan.FreshFor + TimeSpan.FromTicks(1)));
        // A plan from a host whose clock runs far ahead is not trusted either.
        Assert.False(plan.IsFreshAt(at - NudgePlan.FreshFor - TimeSpan.FromTicks(1)));
    }
}
