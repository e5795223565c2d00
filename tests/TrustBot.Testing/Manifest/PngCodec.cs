using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace TrustBot.Testing.Manifest;

/// <summary>
/// A minimal PNG encoder and decoder for 8-bit RGBA images: enough to draw the app icons and to check any RGBA PNG
/// a package holds, without an imaging library.
/// </summary>
public static class PngCodec
{
    private const byte ColourTypeRgba = 6;
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Encodes <paramref name="image"/> as a non-interlaced 8-bit RGBA PNG.</summary>
    public static byte[] Encode(RgbaImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var stride = image.Width * 4;
        var raw = new byte[(stride + 1) * image.Height];
        for (var y = 0; y < image.Height; y++)
        {
            // Filter type 0 (none) on every row: the icons are tiny, so a smarter filter buys nothing worth the code.
            raw[y * (stride + 1)] = 0;
            Array.Copy(image.Pixels, y * stride, raw, (y * (stride + 1)) + 1, stride);
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(0, 4), image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4, 4), image.Height);
        header[8] = 8;
        header[9] = ColourTypeRgba;

        using var output = new MemoryStream();
        output.Write(Signature);
        WriteChunk(output, "IHDR", header);
        WriteChunk(output, "IDAT", compressed.ToArray());
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>Decodes an 8-bit RGBA PNG; anything else is rejected with <see cref="InvalidDataException"/>.</summary>
    public static RgbaImage Decode(ReadOnlySpan<byte> png)
    {
        if (png.Length < Signature.Length || !png[..Signature.Length].SequenceEqual(Signature))
        {
            throw new InvalidDataException("Not a PNG file (bad signature).");
        }

        var position = Signature.Length;
        int width = 0, height = 0;
        using var idat = new MemoryStream();
        var ended = false;
        while (!ended)
        {
            if (position + 12 > png.Length)
            {
                throw new InvalidDataException("PNG ends before its IEND chunk.");
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(png.Slice(position, 4));
            if (length < 0 || position + 12 + length > png.Length)
            {
                throw new InvalidDataException("PNG chunk length runs past the end of the file.");
            }

            var typeAndData = png.Slice(position + 4, 4 + length);
            var type = Encoding.ASCII.GetString(typeAndData[..4]);
            var data = typeAndData[4..];
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.Slice(position + 8 + length, 4));
            if (crc != Crc32.Compute(typeAndData))
            {
                throw new InvalidDataException($"PNG chunk {type} has a bad CRC.");
            }

            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data[..4]);
                    height = BinaryPrimitives.ReadInt32BigEndian(data.Slice(4, 4));
                    if (data[8] != 8 || data[9] != ColourTypeRgba || data[12] != 0)
                    {
                        throw new InvalidDataException(
                            $"Only non-interlaced 8-bit RGBA PNGs are supported (bit depth {data[8]}, colour type {data[9]}, interlace {data[12]}).");
                    }

                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    ended = true;
                    break;
            }

            position += 12 + length;
        }

        if (width <= 0 || height <= 0)
        {
            throw new InvalidDataException("PNG has no IHDR chunk.");
        }

        return Unfilter(Inflate(idat.ToArray()), width, height);
    }

    private static byte[] Inflate(byte[] compressed)
    {
        using var input = new MemoryStream(compressed);
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        zlib.CopyTo(output);
        return output.ToArray();
    }

    private static RgbaImage Unfilter(byte[] raw, int width, int height)
    {
        var stride = width * 4;
        if (raw.Length != (stride + 1) * height)
        {
            throw new InvalidDataException($"PNG image data is {raw.Length} bytes; {(stride + 1) * height} expected.");
        }

        var image = new RgbaImage(width, height);
        var pixels = image.Pixels;
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var source = (y * (stride + 1)) + 1;
            var row = y * stride;
            for (var i = 0; i < stride; i++)
            {
                int left = i >= 4 ? pixels[row + i - 4] : 0;
                int up = y > 0 ? pixels[row - stride + i] : 0;
                int upLeft = y > 0 && i >= 4 ? pixels[row - stride + i - 4] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"PNG row {y} has unknown filter type {filter}."),
                };
                pixels[row + i] = (byte)(raw[source + i] + predictor);
            }
        }

        return image;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        var typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData.AsSpan(4));
        output.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Compute(typeAndData));
        output.Write(word);
    }
}
