namespace TrustBot.Core.Tests;

/// <summary>An anonymity secret that passes <c>AnonymitySecretRule</c>, as a real random one would.</summary>
internal static class TestSecret
{
    public const string Value = "Qm7tV2xk9LpR4zW8nB1cF6hJ3dS5gY0a+Te/Ku=";
}
