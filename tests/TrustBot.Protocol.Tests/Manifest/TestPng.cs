using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace TrustBot.Protocol.Tests.Manifest;

/// <summary>
/// Just enough PNG for the icon tests, 8-bit RGBA only: decodes the committed icons to check their pixels, and writes
/// broken icons for the builder's negative tests.
/// </summary>
internal static class TestPng
{
    private const byte Rgba = 6;
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static PngPixels Decode(byte[] png)
    {
        Assert.Equal(Signature, png[..8]);
        int width = 0, height = 0;
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at, 4));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                (width, height) = (BinaryPrimitives.ReadInt32BigEndian(data[..4]), BinaryPrimitives.ReadInt32BigEndian(data.Slice(4, 4)));
                Assert.True(data[8] == 8 && data[9] == Rgba && data[12] == 0, "this reader handles non-interlaced 8-bit RGBA only");
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            at += 12 + length;
        }

        using var zlib = new ZLibStream(new MemoryStream(idat.ToArray()), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        return new PngPixels(width, height, Unfilter(raw.ToArray(), width, height));
    }

    /// <summary>Encodes with the same row <paramref name="filter"/> (0 to 4) on every row.</summary>
    public static byte[] Encode(int width, int height, byte[] rgba, byte filter = 0)
    {
        var stride = width * 4;
        using var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(filter);
            for (var i = 0; i < stride; i++)
            {
                var at = (y * stride) + i;
                raw.WriteByte((byte)(rgba[at] - Predictor(filter, rgba, at, i, y, stride)));
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(zlib);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(0, 4), width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4, 4), height);
        (header[8], header[9]) = (8, Rgba);
        using var png = new MemoryStream();
        png.Write(Signature);
        WriteChunk(png, "IHDR"u8, header);
        WriteChunk(png, "IDAT"u8, compressed.ToArray());
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static byte[] Unfilter(byte[] raw, int width, int height)
    {
        var stride = width * 4;
        Assert.Equal((stride + 1) * height, raw.Length);
        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var i = 0; i < stride; i++)
            {
                var at = (y * stride) + i;
                pixels[at] = (byte)(raw[(y * (stride + 1)) + 1 + i] + Predictor(filter, pixels, at, i, y, stride));
            }
        }

        return pixels;
    }

    // What a row filter predicts for the byte at 'at' from the already known bytes left of it and above it.
    private static int Predictor(byte filter, byte[] pixels, int at, int i, int y, int stride)
    {
        int left = i >= 4 ? pixels[at - 4] : 0, up = y > 0 ? pixels[at - stride] : 0, upLeft = y > 0 && i >= 4 ? pixels[at - stride - 4] : 0;
        return filter switch
        {
            0 => 0,
            1 => left,
            2 => up,
            3 => (left + up) / 2,
            4 => Paeth(left, up, upLeft),
            _ => throw new InvalidDataException($"row {y} has unknown filter {filter}"),
        };
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, byte[] data)
    {
        var word = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        byte[] typeAndData = [.. type, .. data];
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.HashToUInt32(typeAndData));
        png.Write(word);
    }
}
