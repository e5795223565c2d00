using TrustBot.Core.Installations;
using TrustBot.Core.Questions;

namespace TrustBot.Core.CheckIns;

/// <summary>
/// The statements a check-in asks, in order. Built-in ones resolve from the instrument; a team's own statements from
/// its installation, read only when the check-in actually asks one.
/// </summary>
public sealed class CheckInStatements
{
    private readonly IInstallationStore _installations;
    private readonly StatementCatalog _builtIn;

    public CheckInStatements(IInstallationStore installations)
        : this(installations, StatementCatalog.Default)
    {
    }

    /// <summary>Resolves built-in statements from <paramref name="builtIn"/> instead of the shipped instrument (tests of other instrument data).</summary>
    internal CheckInStatements(IInstallationStore installations, StatementCatalog builtIn)
    {
        _installations = installations;
        _builtIn = builtIn;
    }

    public async Task<IReadOnlyList<Statement>> ResolveAsync(CheckIn checkIn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        var builtIn = _builtIn.Resolve(checkIn.StatementIds);
        if (builtIn.Count == checkIn.StatementIds.Count)
        {
            return builtIn;
        }

        var team = await _installations.GetAsync(checkIn.TenantId, checkIn.InstallationKey, cancellationToken);
        return (team?.Catalog() ?? _builtIn).Resolve(checkIn.StatementIds);
    }
}
