namespace TrustBot.Core.Retention;

/// <summary>What erasing one installation's data did.</summary>
/// <param name="Erased">
/// True when the installation was still removed before the cutoff and its row is gone with everything else; false when
/// it was missing, active again (reinstalled) or removed too recently, and then nothing of it was deleted on purpose.
/// </param>
/// <param name="Deleted">Rows deleted per table (base table names, without the configured prefix); only tables with deletions.</param>
public sealed record TeamErasure(bool Erased, IReadOnlyDictionary<string, int> Deleted)
{
    /// <summary>Nothing was erased.</summary>
    public static TeamErasure NotErased { get; } = new(false, new Dictionary<string, int>());

    /// <summary>All rows deleted, over every table.</summary>
    public int Total => Deleted.Values.Sum();
}
