using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TrustBot.Protocol.Hosting;

/// <summary>Maps the Bot Framework messaging endpoint.</summary>
public static class BotEndpointExtensions
{
    /// <summary>Maps every verb on <paramref name="pattern"/> to <see cref="BotRequestProcessor"/>, which answers non-POST with 405.</summary>
    public static IEndpointConventionBuilder MapBotEndpoint(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.Map(pattern, context => context.RequestServices.GetRequiredService<BotRequestProcessor>().ProcessAsync(context));
    }
}
