using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using TrustBot.Testing.Manifest;

namespace TrustBot.Protocol.Tests.Manifest;

public sealed class PngCodecTests
{
    [Fact]
    public void Compute_StandardCheckInput_GivesKnownCrc()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
    }

    [Fact]
    public void Decode_EncodedImage_RoundTripsEveryPixel()
    {
        var image = Gradient(7, 5);

        var decoded = PngCodec.Decode(PngCodec.Encode(image));

        Assert.Equal((7, 5), (decoded.Width, decoded.Height));
        Assert.Equal(image.Pixels, decoded.Pixels);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Decode_RowsWithFilter_UndoesTheFilter(byte filter)
    {
        // Other encoders filter rows; our own writes filter 0 only, so these rows are filtered here by hand.
        var image = Gradient(6, 4);

        var decoded = PngCodec.Decode(EncodeFiltered(image, filter));

        Assert.Equal(image.Pixels, decoded.Pixels);
    }

    [Fact]
    public void Decode_CorruptedChunk_ThrowsInvalidData()
    {
        var png = PngCodec.Encode(Gradient(4, 4));
        png[40] ^= 0xFF;

        var error = Assert.Throws<InvalidDataException>(() => PngCodec.Decode(png));

        Assert.Contains("bad CRC", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NotAPng_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => PngCodec.Decode("GIF89a........................"u8));
    }

    private static RgbaImage Gradient(int width, int height)
    {
        var image = new RgbaImage(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image[x, y] = new Rgba((byte)(x * 37), (byte)(y * 61), (byte)((x * y * 13) + 5), (byte)(255 - (x * 20)));
            }
        }

        return image;
    }

    private static byte[] EncodeFiltered(RgbaImage image, byte filter)
    {
        var stride = image.Width * 4;
        var p = image.Pixels;
        using var raw = new MemoryStream();
        for (var y = 0; y < image.Height; y++)
        {
            raw.WriteByte(filter);
            for (var i = 0; i < stride; i++)
            {
                var at = (y * stride) + i;
                int a = i >= 4 ? p[at - 4] : 0, b = y > 0 ? p[at - stride] : 0, c = y > 0 && i >= 4 ? p[at - stride - 4] : 0;
                var predictor = filter switch
                {
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    _ => PaethOf(a, b, c),
                };
                raw.WriteByte((byte)(p[at] - predictor));
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(raw.ToArray());
        }

        // Reuse the encoder's framing (signature, IHDR, IEND) and swap in the filtered IDAT.
        var plain = PngCodec.Encode(image);
        const int idatStart = 8 + 25;
        var idatLength = BinaryPrimitives.ReadInt32BigEndian(plain.AsSpan(idatStart, 4));
        using var png = new MemoryStream();
        png.Write(plain.AsSpan(0, idatStart));
        WriteChunk(png, "IDAT", compressed.ToArray());
        png.Write(plain.AsSpan(idatStart + 12 + idatLength));
        return png.ToArray();
    }

    private static int PaethOf(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        var word = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Compute(typeAndData));
        output.Write(word);
    }
}
