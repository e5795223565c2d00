#:project ../src/TrustBot.AppPackage/TrustBot.AppPackage.csproj
using System.Runtime.CompilerServices;
using TrustBot.AppPackage;

// A .NET 10 file-based app: the builder lives in src/TrustBot.AppPackage, and the manifest tests exercise the very
// code this command runs. The manifest folder is found from this file's own path, wherever the caller stands.
return PackageCommand.Run(args, Path.GetDirectoryName(ThisFile())!, Console.Out, Console.Error);

static string ThisFile([CallerFilePath] string path = "") => path;
