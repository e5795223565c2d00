namespace TrustBot.Protocol.Tests.Manifest;

/// <summary>A decoded 8-bit RGBA image: four bytes per pixel, row by row.</summary>
internal sealed record PngPixels(int Width, int Height, byte[] Rgba)
{
    public (byte R, byte G, byte B, byte A) this[int x, int y]
    {
        get
        {
            var i = ((y * Width) + x) * 4;
            return (Rgba[i], Rgba[i + 1], Rgba[i + 2], Rgba[i + 3]);
        }
    }

    public IEnumerable<(byte R, byte G, byte B, byte A)> All() =>
        Enumerable.Range(0, Width * Height).Select(i => this[i % Width, i / Width]);

    /// <summary>Teams' outline rule: every pixel is white or fully transparent.</summary>
    public bool IsWhiteOnTransparent() => All().All(p => p.A == 0 || (p.R, p.G, p.B) == (255, 255, 255));
}
