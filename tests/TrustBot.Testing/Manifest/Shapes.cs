namespace TrustBot.Testing.Manifest;

/// <summary>Signed distances (negative inside) from a point to simple 2-D shapes.</summary>
public static class Shapes
{
    /// <summary>Distance to a circle.</summary>
    public static double Circle((double X, double Y) p, (double X, double Y) centre, double radius) =>
        Length(p.X - centre.X, p.Y - centre.Y) - radius;

    /// <summary>Distance to the rectangle from <paramref name="min"/> to <paramref name="max"/> with rounded corners.</summary>
    public static double RoundedRectangle((double X, double Y) p, (double X, double Y) min, (double X, double Y) max, double radius)
    {
        var halfWidth = (max.X - min.X) / 2;
        var halfHeight = (max.Y - min.Y) / 2;
        var qx = Math.Abs(p.X - (min.X + halfWidth)) - (halfWidth - radius);
        var qy = Math.Abs(p.Y - (min.Y + halfHeight)) - (halfHeight - radius);
        return Length(Math.Max(qx, 0), Math.Max(qy, 0)) + Math.Min(Math.Max(qx, qy), 0) - radius;
    }

    /// <summary>Distance to a triangle: the nearest edge, signed by which side of all three edges the point is on.</summary>
    public static double Triangle((double X, double Y) p, (double X, double Y) a, (double X, double Y) b, (double X, double Y) c)
    {
        var nearest = Math.Min(SegmentDistance(p, a, b), Math.Min(SegmentDistance(p, b, c), SegmentDistance(p, c, a)));
        var s1 = Cross(a, b, p);
        var s2 = Cross(b, c, p);
        var s3 = Cross(c, a, p);
        var inside = (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
        return inside ? -nearest : nearest;
    }

    private static double SegmentDistance((double X, double Y) p, (double X, double Y) a, (double X, double Y) b)
    {
        double ex = b.X - a.X, ey = b.Y - a.Y, vx = p.X - a.X, vy = p.Y - a.Y;
        var t = Math.Clamp(((vx * ex) + (vy * ey)) / ((ex * ex) + (ey * ey)), 0, 1);
        return Length(vx - (ex * t), vy - (ey * t));
    }

    private static double Cross((double X, double Y) a, (double X, double Y) b, (double X, double Y) p) =>
        ((b.X - a.X) * (p.Y - a.Y)) - ((b.Y - a.Y) * (p.X - a.X));

    private static double Length(double x, double y) => Math.Sqrt((x * x) + (y * y));
}
