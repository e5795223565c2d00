namespace TrustBot.Testing.Manifest;

/// <summary>
/// Draws TrustBot's two app icons: two overlapping speech bubbles (a team talking, one voice in front). Shapes are
/// signed distance functions in a unit "symbol" square, sampled several times per pixel for smooth edges.
/// </summary>
public static class IconPainter
{
    /// <summary>The project colour; also the manifest's <c>accentColor</c>.</summary>
    public const string AccentHex = "#1F7A8C";

    /// <summary>Side of the colour icon Teams asks for.</summary>
    public const int ColorSize = 192;

    /// <summary>Side of the outline icon Teams asks for.</summary>
    public const int OutlineSize = 32;

    private const string BackBubbleHex = "#BFE6EC";

    // Teams wants the colour symbol about 96 px wide inside the 192 px square; the outline has no padding.
    private const double ColorSymbolInset = 48;
    private const double OutlineSymbolInset = 1;
    private const double OutlineStrokePixels = 2;

    // Space kept between the front bubble and the one behind it, in symbol units.
    private const double Gap = 0.05;

    private static readonly (double X, double Y)[] Dots = [(0.50, 0.60), (0.65, 0.60), (0.80, 0.60)];
    private const double DotRadius = 0.05;

    /// <summary>The 192×192 opaque colour icon: white and pale bubbles on the project colour.</summary>
    public static RgbaImage DrawColor()
    {
        var accent = Rgba.FromHex(AccentHex);
        var back = Rgba.FromHex(BackBubbleHex);
        var scale = ColorSize - (2 * ColorSymbolInset);
        return Paint(ColorSize, samplesPerAxis: 4, (x, y) =>
        {
            var p = ((x - ColorSymbolInset) / scale, (y - ColorSymbolInset) / scale);
            var front = FrontBubble(p);
            if (front <= 0)
            {
                return InDot(p) ? accent : Rgba.White;
            }

            return front > Gap && BackBubble(p) <= 0 ? back : accent;
        });
    }

    /// <summary>The 32×32 outline icon: white strokes of the same bubbles on a fully transparent background.</summary>
    public static RgbaImage DrawOutline()
    {
        var clear = new Rgba(255, 255, 255, 0);
        var scale = OutlineSize - (2 * OutlineSymbolInset);
        var halfStroke = OutlineStrokePixels / scale / 2;
        return Paint(OutlineSize, samplesPerAxis: 8, (x, y) =>
        {
            var p = ((x - OutlineSymbolInset) / scale, (y - OutlineSymbolInset) / scale);
            var front = FrontBubble(p);
            var onFront = Math.Abs(front) <= halfStroke || InDot(p);
            var onBack = Math.Abs(BackBubble(p)) <= halfStroke && front > halfStroke + Gap;
            return onFront || onBack ? Rgba.White : clear;
        });
    }

    // Averages colour and alpha over a grid of samples inside each pixel.
    private static RgbaImage Paint(int size, int samplesPerAxis, Func<double, double, Rgba> colourAt)
    {
        var image = new RgbaImage(size, size);
        var count = samplesPerAxis * samplesPerAxis;
        for (var py = 0; py < size; py++)
        {
            for (var px = 0; px < size; px++)
            {
                double r = 0, g = 0, b = 0, a = 0;
                for (var sy = 0; sy < samplesPerAxis; sy++)
                {
                    for (var sx = 0; sx < samplesPerAxis; sx++)
                    {
                        var c = colourAt(px + ((sx + 0.5) / samplesPerAxis), py + ((sy + 0.5) / samplesPerAxis));
                        r += c.R;
                        g += c.G;
                        b += c.B;
                        a += c.A;
                    }
                }

                image[px, py] = new Rgba(Round(r / count), Round(g / count), Round(b / count), Round(a / count));
            }
        }

        return image;
    }

    private static byte Round(double value) => (byte)Math.Round(value);

    private static double BackBubble((double X, double Y) p) => Math.Min(
        Shapes.RoundedRectangle(p, (0.00, 0.05), (0.68, 0.55), 0.14),
        Shapes.Triangle(p, (0.12, 0.50), (0.32, 0.50), (0.06, 0.72)));

    private static double FrontBubble((double X, double Y) p) => Math.Min(
        Shapes.RoundedRectangle(p, (0.30, 0.35), (1.00, 0.85), 0.14),
        Shapes.Triangle(p, (0.68, 0.80), (0.88, 0.80), (0.95, 1.00)));

    private static bool InDot((double X, double Y) p) => Dots.Any(d => Shapes.Circle(p, d, DotRadius) <= 0);
}
