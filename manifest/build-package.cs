#:project ../tests/TrustBot.Testing/TrustBot.Testing.csproj
using System.Runtime.CompilerServices;
using TrustBot.Testing.Manifest;

// A .NET 10 file-based app: the builder itself lives in tests/TrustBot.Testing/Manifest, so the tests exercise the very
// code this command runs. The manifest folder is found from this file's own path, wherever the caller stands.
return PackageCommand.Run(args, Path.GetDirectoryName(ThisFile())!, Console.Out, Console.Error);

static string ThisFile([CallerFilePath] string path = "") => path;
