namespace TrustBot.AppPackage;

/// <summary>A package cannot be built; the message is one line an operator can act on.</summary>
public sealed class ManifestBuildException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public ManifestBuildException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public ManifestBuildException()
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ManifestBuildException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
