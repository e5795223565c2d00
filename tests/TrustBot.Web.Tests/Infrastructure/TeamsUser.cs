using System.Globalization;
using System.Text.Json.Nodes;

namespace TrustBot.Web.Tests.Infrastructure;

/// <summary>A Teams user as activities name them: a <c>29:</c> id, an Entra object id, a display name.</summary>
public sealed record TeamsUser(string Id, string AadObjectId, string Name, string PersonalConversationId)
{
    public static TeamsUser Create(int number) => new(
        $"29:1user{number.ToString(CultureInfo.InvariantCulture)}{Guid.NewGuid():N}",
        Guid.NewGuid().ToString(),
        $"Member{number.ToString(CultureInfo.InvariantCulture)} Surname{Guid.NewGuid().ToString("N")[..6]}",
        $"a:1{Guid.NewGuid():N}");

    public JsonObject ToAccount() => new() { ["id"] = Id, ["name"] = Name, ["aadObjectId"] = AadObjectId };
}
