namespace TrustBot.Web.Telemetry;

/// <summary>
/// Stands in for an exception on its way out of the process: it keeps the original type's name and nothing else,
/// because messages and stack data of storage and Connector failures can carry request URLs, keys and ids.
/// </summary>
public sealed class RedactedException : Exception
{
    public RedactedException()
    {
    }

    public RedactedException(string originalType)
        : base(originalType)
    {
    }

    public RedactedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A stand-in naming <paramref name="exception"/>'s type.</summary>
    public static RedactedException For(Exception exception) =>
        exception as RedactedException ?? new RedactedException(exception.GetType().FullName ?? exception.GetType().Name);
}
