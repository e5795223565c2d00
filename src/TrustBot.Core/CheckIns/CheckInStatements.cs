using TrustBot.Core.Installations;

namespace TrustBot.Core.CheckIns;

/// <summary>
/// The statements a check-in asks, in order. Built-in ones resolve from the instrument; a team's own statements from
/// its installation, read only when the check-in actually asks one.
/// </summary>
public sealed class CheckInStatements(IInstallationStore installations)
{
    public async Task<IReadOnlyList<Statement>> ResolveAsync(CheckIn checkIn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        var builtIn = StatementCatalog.Default.Resolve(checkIn.StatementIds);
        if (builtIn.Count == checkIn.StatementIds.Count)
        {
            return builtIn;
        }

        var team = await installations.GetAsync(checkIn.TenantId, checkIn.InstallationKey, cancellationToken);
        return (team?.Catalog() ?? StatementCatalog.Default).Resolve(checkIn.StatementIds);
    }
}
