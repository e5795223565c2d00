namespace TrustBot.Core.Questions;

/// <summary>Reads the data files compiled into this assembly (the instrument, the speak-up prompts).</summary>
internal static class EmbeddedResource
{
    /// <summary>The text of the one resource whose manifest name ends with <paramref name="suffix"/>.</summary>
    public static string ReadText(string suffix)
    {
        var assembly = typeof(EmbeddedResource).Assembly;

        // Manifest names depend on the root namespace and folder, so match on the stable part only.
        var names = assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(suffix, StringComparison.Ordinal))
            .ToList();
        if (names.Count != 1)
        {
            throw new InvalidOperationException(
                $"Expected exactly one embedded resource ending in '{suffix}' in {assembly.GetName().Name}, found {names.Count}.");
        }

        using var stream = assembly.GetManifestResourceStream(names[0])
            ?? throw new InvalidOperationException($"The embedded resource '{names[0]}' could not be opened.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
