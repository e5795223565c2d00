using System.Net.Http.Headers;

namespace TrustBot.Protocol.Connector;

internal static class RetryAfter
{
    // Delta seconds as given; an HTTP-date relative to the clock (never negative).
    public static TimeSpan? Read(HttpResponseMessage response, TimeProvider timeProvider) =>
        Read(response.Headers.RetryAfter, timeProvider.GetUtcNow());

    public static TimeSpan? Read(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
