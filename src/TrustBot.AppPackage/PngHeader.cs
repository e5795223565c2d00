using System.Buffers.Binary;

namespace TrustBot.AppPackage;

/// <summary>
/// The facts of a PNG that Teams cares about, read from its signature and IHDR chunk only: the package copies the
/// committed icon files as they are, so nothing here needs to decode pixels.
/// </summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="BitDepth">Bits per sample.</param>
/// <param name="ColourType">The PNG colour type: 6 is RGBA, 4 grey with alpha.</param>
public sealed record PngHeader(int Width, int Height, byte BitDepth, byte ColourType)
{
    private const int IhdrEnd = 8 + 4 + 4 + 13;
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>True when every pixel carries its own alpha (colour types 4 and 6), as a transparent outline needs.</summary>
    public bool HasAlphaChannel => ColourType is 4 or 6;

    /// <summary>Reads the header; anything that is not a PNG starting with IHDR is an <see cref="InvalidDataException"/>.</summary>
    public static PngHeader Read(ReadOnlySpan<byte> png)
    {
        if (png.Length < IhdrEnd || !png[..Signature.Length].SequenceEqual(Signature))
        {
            throw new InvalidDataException("not a PNG file (bad signature)");
        }

        // The first chunk must be IHDR, 13 bytes long (PNG specification, section 11.2.2).
        if (BinaryPrimitives.ReadInt32BigEndian(png.Slice(8, 4)) != 13 || !png.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            throw new InvalidDataException("the PNG does not start with an IHDR chunk");
        }

        var data = png.Slice(16, 13);
        var width = BinaryPrimitives.ReadInt32BigEndian(data[..4]);
        var height = BinaryPrimitives.ReadInt32BigEndian(data.Slice(4, 4));
        if (width <= 0 || height <= 0)
        {
            throw new InvalidDataException($"the PNG says it is {width}x{height}");
        }

        return new PngHeader(width, height, data[8], data[9]);
    }
}
