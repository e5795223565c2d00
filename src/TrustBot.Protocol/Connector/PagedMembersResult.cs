using TrustBot.Protocol.Activities;

namespace TrustBot.Protocol.Connector;

/// <summary>One page of a conversation roster (<c>GET …/pagedmembers</c>).</summary>
public sealed class PagedMembersResult
{
    /// <summary>Pass this to fetch the next page; null or empty on the last page.</summary>
    public string? ContinuationToken { get; set; }

    /// <summary>
    /// The members of this page. Roster fields the model does not name (<c>email</c>, <c>userRole</c>, …) stay in
    /// <see cref="ChannelAccount.ExtensionData"/>; an <c>objectId</c> is also copied to <see cref="ChannelAccount.AadObjectId"/>.
    /// </summary>
    public IList<ChannelAccount> Members { get; set; } = [];
}
