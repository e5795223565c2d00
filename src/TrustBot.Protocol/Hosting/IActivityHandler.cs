using TrustBot.Protocol.Activities;

namespace TrustBot.Protocol.Hosting;

/// <summary>The application's side of a turn: the one handler every verified activity is given to.</summary>
public interface IActivityHandler
{
    /// <summary>
    /// Handles one verified activity. For <see cref="ActivityTypes.Invoke"/> the returned response is written
    /// synchronously as the HTTP answer; for other types it is ignored and the endpoint answers 200.
    /// </summary>
    Task<InvokeResponse?> OnActivityAsync(Activity activity, CancellationToken cancellationToken);
}
