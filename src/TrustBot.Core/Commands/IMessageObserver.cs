namespace TrustBot.Core.Commands;

/// <summary>
/// Sees every message before its command runs, for features that keep something current from what people send (a
/// leader's zone and name, say). Register implementations in DI as <see cref="IMessageObserver"/>. An observer must not
/// throw: a failure of its own must never stop the message from being answered.
/// </summary>
public interface IMessageObserver
{
    Task OnMessageAsync(IncomingMessage message, CancellationToken cancellationToken);
}
