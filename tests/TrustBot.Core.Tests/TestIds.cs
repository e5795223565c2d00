namespace TrustBot.Core.Tests;

/// <summary>Fake but well-formed Teams identifiers shared by the tests.</summary>
internal static class TestIds
{
    public const string TenantId = "3c8e5f1a-2b7d-4e9c-8a6f-1d0b2e4c6a8f";
    public const string OtherTenantId = "0d6b5c7e-1f2a-4b3c-8d9e-0a1b2c3d4e5f";
    public const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    public const string OtherServiceUrl = "https://smba.trafficmanager.net/emea/";
    public const string BotId = "28:8c3f1b52-6a1d-4e0f-9a7b-3c2d1e0f9a8b";
    public const string TeamId = "19:Yq3bN8mR2sT5vW7xZ9aC1dE4fG6hJ0kL@thread.tacv2";
    public const string ChosenChannelId = "19:a8f0c2e4b6d8f0a2c4e6b8d0f2a4c6e8@thread.tacv2";
    public const string PersonalConversationId = "a:1Xb7Qz0pLmN3vR8tYwE5uI2oK9jH6gF4dS1aZ7xC0vB3nM8qW5eR2tY9uI6oP3lK";
    public const string GroupChatId = "19:3f9e1c7a5b2d4e6f8a0b1c2d3e4f5a6b@thread.v2";
    public const string InstallerAadObjectId = "9b2c4d6e-8f0a-4b1c-9d2e-3f4a5b6c7d8e";
}
