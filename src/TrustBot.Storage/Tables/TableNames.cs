namespace TrustBot.Storage.Tables;

/// <summary>Base names of every table; <c>Storage:TablePrefix</c> is prepended at run time.</summary>
internal static class TableNames
{
    public const string Installations = "Installations";

    /// <summary>Every table the initializer creates at start.</summary>
    public static IReadOnlyList<string> All { get; } = [Installations];
}
