namespace TrustBot.Protocol.Tests.Manifest;

/// <summary>What one run of the package command printed and returned.</summary>
internal sealed record CommandResult(int ExitCode, string Output, string Error);
