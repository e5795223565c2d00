using System.Buffers.Binary;
using TrustBot.Testing.Manifest;

namespace TrustBot.Protocol.Tests.Manifest;

public sealed class AppIconTests
{
    private static string IconPath(string name) => Path.Combine(PackageWorkspace.ManifestDirectory, name);

    [Theory]
    [InlineData("color.png", 192)]
    [InlineData("outline.png", 32)]
    public void CommittedIcon_Header_IsRgbaPngOfTheRequiredSize(string name, int size)
    {
        // Read straight from IHDR, independent of our decoder: width 16..19, height 20..23, colour type 25.
        var header = File.ReadAllBytes(IconPath(name)).AsSpan(0, 26);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], header[..4].ToArray());
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(header.Slice(16, 4)));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(header.Slice(20, 4)));
        Assert.Equal(6, header[25]);
    }

    [Fact]
    public void CommittedColorIcon_Pixels_AreOpaqueWithSeveralColours()
    {
        var image = PngCodec.Decode(File.ReadAllBytes(IconPath("color.png")));

        Assert.Equal((192, 192), (image.Width, image.Height));
        Assert.All(image.AllPixels(), p => Assert.Equal(255, p.A));
        var colours = image.AllPixels().Select(p => (p.R, p.G, p.B)).Distinct().Count();
        Assert.True(colours >= 2, $"only {colours} colour(s)");
        Assert.Equal(Rgba.FromHex(IconPainter.AccentHex), image[0, 0]);
    }

    [Fact]
    public void CommittedOutlineIcon_Pixels_AreWhiteOnTransparent()
    {
        var image = PngCodec.Decode(File.ReadAllBytes(IconPath("outline.png")));

        Assert.Equal((32, 32), (image.Width, image.Height));
        Assert.All(image.AllPixels(), p => Assert.True(p.A == 0 || p.IsWhite, $"pixel {p} is neither white nor transparent"));
        var pixels = image.AllPixels().ToList();
        Assert.True(pixels.Count(p => p.A == 0) > pixels.Count / 4, "too little transparency");
        Assert.True(pixels.Count(p => p.A == 255) > 50, "too few solid white pixels");
        Assert.Equal(0, image[0, 0].A);
    }

    [Theory]
    [InlineData("color.png")]
    [InlineData("outline.png")]
    public void CommittedIcon_Pixels_AreWhatIconPainterDraws(string name)
    {
        // The committed files are generated (build-package.sh --draw-icons); pixels, not bytes, since zlib output may vary.
        var expected = name == "color.png" ? IconPainter.DrawColor() : IconPainter.DrawOutline();

        var committed = PngCodec.Decode(File.ReadAllBytes(IconPath(name)));

        Assert.Equal(expected.Pixels, committed.Pixels);
    }
}
