namespace TrustBot.Core.Delivery;

/// <summary>This process's identity as a lease owner: one random id per process, so instances never mistake each other's claims.</summary>
public sealed class DeliveryInstance
{
    public DeliveryInstance()
        : this(Guid.NewGuid().ToString("N"))
    {
    }

    public DeliveryInstance(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Id = id;
    }

    public string Id { get; }
}
