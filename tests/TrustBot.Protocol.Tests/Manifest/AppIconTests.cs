using System.Buffers.Binary;
using TrustBot.AppPackage;

namespace TrustBot.Protocol.Tests.Manifest;

/// <summary>The committed icons are what the package ships byte for byte, so their pixels are checked here.</summary>
public sealed class AppIconTests
{
    private static string IconPath(string name) => Path.Combine(PackageWorkspace.ManifestDirectory, name);

    [Theory]
    [InlineData("color.png", AppPackageBuilder.ColorIconSize)]
    [InlineData("outline.png", AppPackageBuilder.OutlineIconSize)]
    public void CommittedIcon_Header_IsRgbaPngOfTheRequiredSize(string name, int size)
    {
        // Read straight from IHDR, independent of any decoder: width 16..19, height 20..23, colour type 25.
        var header = File.ReadAllBytes(IconPath(name)).AsSpan(0, 26);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], header[..4].ToArray());
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(header.Slice(16, 4)));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(header.Slice(20, 4)));
        Assert.Equal(6, header[25]);
        Assert.Equal(new PngHeader(size, size, 8, 6), PngHeader.Read(File.ReadAllBytes(IconPath(name))));
    }

    [Fact]
    public void CommittedColorIcon_Pixels_AreOpaqueWithSeveralColoursOnTheAccentColour()
    {
        var image = TestPng.Decode(File.ReadAllBytes(IconPath("color.png")));

        Assert.Equal((192, 192), (image.Width, image.Height));
        Assert.All(image.All(), p => Assert.Equal(255, p.A));
        var colours = image.All().Select(p => (p.R, p.G, p.B)).Distinct().Count();
        Assert.True(colours >= 2, $"only {colours} colour(s)");
        var accent = Convert.FromHexString(AppPackageBuilder.AccentColor[1..]);
        Assert.Equal((accent[0], accent[1], accent[2], (byte)255), image[0, 0]);
    }

    [Fact]
    public void CommittedOutlineIcon_Pixels_AreWhiteOnTransparent()
    {
        var image = TestPng.Decode(File.ReadAllBytes(IconPath("outline.png")));

        Assert.Equal((32, 32), (image.Width, image.Height));
        Assert.True(image.IsWhiteOnTransparent(), "some pixel is neither white nor fully transparent");
        var pixels = image.All().ToList();
        Assert.True(pixels.Count(p => p.A == 0) > pixels.Count / 4, "too little transparency");
        Assert.True(pixels.Count(p => p.A == 255) > 50, "too few solid white pixels");
        Assert.Equal(0, image[0, 0].A);
    }

    [Fact]
    public void IsWhiteOnTransparent_OutlineWithOneColouredPixel_IsFalse()
    {
        // The outline check above must be able to fail: one red pixel in the committed outline breaks it.
        var image = TestPng.Decode(File.ReadAllBytes(IconPath("outline.png")));
        var at = ((16 * image.Width) + 16) * 4;
        image.Rgba[at] = 200;
        image.Rgba[at + 1] = 30;
        image.Rgba[at + 2] = 30;
        image.Rgba[at + 3] = 255;

        var reread = TestPng.Decode(TestPng.Encode(image.Width, image.Height, image.Rgba));

        Assert.False(reread.IsWhiteOnTransparent());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Decode_IconResavedWithRowFilters_GivesTheSamePixels(byte filter)
    {
        // An image editor may save the icons with any row filter; the pixel checks must read them all the same.
        var image = TestPng.Decode(File.ReadAllBytes(IconPath("outline.png")));

        var refiltered = TestPng.Decode(TestPng.Encode(image.Width, image.Height, image.Rgba, filter));

        Assert.Equal(image.Rgba, refiltered.Rgba);
    }

    [Fact]
    public void PngHeader_NotAPng_IsRejected()
    {
        Assert.Throws<InvalidDataException>(() => PngHeader.Read("GIF89a........................"u8));
    }
}
