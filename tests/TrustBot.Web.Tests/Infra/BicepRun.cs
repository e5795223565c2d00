namespace TrustBot.Web.Tests.Infra;

/// <summary>What one Bicep CLI invocation printed and returned.</summary>
internal sealed record BicepRun(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
