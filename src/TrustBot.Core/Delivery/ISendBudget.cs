namespace TrustBot.Core.Delivery;

/// <summary>
/// Each tenant's send schedule, shared by every instance of the bot: consecutive slots, each handed out once, so that
/// the instances together keep to Teams' app limit in the tenant, which counts all of them at once. The Connector's rate
/// limiter books a few slots at a time through the host and sends only in slots it was given.
/// </summary>
public interface ISendBudget
{
    /// <summary>
    /// Reserves <paramref name="count"/> consecutive slots of <paramref name="tenantId"/>'s schedule,
    /// <paramref name="spacing"/> apart: the first at <paramref name="notBefore"/>, or right after the last slot reserved
    /// before (by any instance), whichever is later. Throws when storage cannot be reached, like every store.
    /// </summary>
    Task<SendSlots> ReserveAsync(string tenantId, int count, TimeSpan spacing, DateTimeOffset notBefore, CancellationToken cancellationToken);
}
