namespace TrustBot.Testing.Manifest;

/// <summary>One 8-bit RGBA colour.</summary>
public readonly record struct Rgba(byte R, byte G, byte B, byte A)
{
    /// <summary>Opaque white.</summary>
    public static Rgba White => new(255, 255, 255, 255);

    /// <summary>True when the colour channels are pure white, whatever the alpha.</summary>
    public bool IsWhite => R == 255 && G == 255 && B == 255;

    /// <summary>Parses <c>#rrggbb</c> as an opaque colour.</summary>
    public static Rgba FromHex(string hex)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hex);
        if (hex.Length != 7 || hex[0] != '#')
        {
            throw new FormatException($"'{hex}' is not a #rrggbb colour.");
        }

        var value = Convert.ToInt32(hex[1..], 16);
        return new Rgba((byte)(value >> 16), (byte)(value >> 8), (byte)value, 255);
    }

    /// <summary>Mixes <paramref name="over"/> onto this colour by <paramref name="coverage"/> (0..1), keeping this alpha.</summary>
    public Rgba Blend(Rgba over, double coverage)
    {
        var t = Math.Clamp(coverage, 0, 1);
        return new Rgba(Mix(R, over.R, t), Mix(G, over.G, t), Mix(B, over.B, t), A);
    }

    private static byte Mix(byte from, byte to, double t) => (byte)Math.Round(from + ((to - from) * t));
}
