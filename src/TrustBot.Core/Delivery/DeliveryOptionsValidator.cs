using Microsoft.Extensions.Options;

namespace TrustBot.Core.Delivery;

/// <summary>Checks what the ranges cannot: a send must finish while its message is still hidden and claimed.</summary>
public sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Past the visibility timeout the message reappears and the send claim expires, so another worker could send again.
        return options.SendSectionTimeout < options.Visibility
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Delivery:SendSectionTimeout must be shorter than Delivery:Visibility.");
    }
}
