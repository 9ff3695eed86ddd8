using SkiaSharp;

namespace Alleanza.Web.Modules.Sharing.Exchange;

/// <summary>
/// A post's photos: decoded and re-encoded on the server with SkiaSharp, turned upright by their EXIF orientation and resized,
/// so the stored JPEG carries no metadata at all (no GPS position of the family's home, no camera, no date).
/// </summary>
public static class PostPhotos
{
    public const int MaxPhotos = 6;
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxSide = 1600;
    public const int ThumbSide = 400;
    public const int MinSide = 100;

    public sealed record Processed(byte[] Content, int Width, int Height, byte[] Thumbnail);

    /// <summary>The re-encoded photo and thumbnail, or the Italian reason it cannot be used.</summary>
    public static (Processed? Photo, string? Problem) Process(byte[] data)
    {
        if (data.Length == 0) return (null, TimeBank.TimeBankLabels.Capital(Tr.Get("il file è vuoto.")));
        if (data.Length > MaxBytes) return (null, Tr.Get("La foto supera i 10 MB: riducila e riprova."));
        using var codec = SKCodec.Create(new SKMemoryStream(data));
        if (codec is null || codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp or SKEncodedImageFormat.Heif))
            return (null, Tr.Get("Il file non è una foto JPEG, PNG o WebP."));
        if (codec.Info.Width < MinSide || codec.Info.Height < MinSide) return (null, Tr.Get("La foto è troppo piccola: almeno {0} pixel per lato.", MinSide));
        if ((long)codec.Info.Width * codec.Info.Height > 50_000_000) return (null, Tr.Get("La foto ha troppi pixel: riducila e riprova."));
        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null) return (null, Tr.Get("La foto è danneggiata e non si può leggere."));
        using var upright = Orient(decoded, codec.EncodedOrigin);
        var (content, width, height) = Encode(upright, MaxSide, 82);
        var (thumb, _, _) = Encode(upright, ThumbSide, 75);
        return (new Processed(content, width, height, thumb), null);
    }

    static (byte[] Data, int Width, int Height) Encode(SKBitmap source, int maxSide, int quality)
    {
        var scale = Math.Min(1.0, maxSide / (double)Math.Max(source.Width, source.Height));
        var (w, h) = (Math.Max(1, (int)Math.Round(source.Width * scale)), Math.Max(1, (int)Math.Round(source.Height * scale)));
        using var surface = SKSurface.Create(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White); // a transparent PNG becomes a photo on white
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, new SKRect(0, 0, w, h), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var snapshot = surface.Snapshot();
        using var encoded = snapshot.Encode(SKEncodedImageFormat.Jpeg, quality);
        return (encoded.ToArray(), w, h);
    }

    static SKBitmap Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft) return bitmap.Copy();
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var rotated = new SKBitmap(swap ? bitmap.Height : bitmap.Width, swap ? bitmap.Width : bitmap.Height);
        using var canvas = new SKCanvas(rotated);
        switch (origin)
        {
            case SKEncodedOrigin.TopRight: canvas.Scale(-1, 1); canvas.Translate(-bitmap.Width, 0); break;
            case SKEncodedOrigin.BottomRight: canvas.RotateDegrees(180); canvas.Translate(-bitmap.Width, -bitmap.Height); break;
            case SKEncodedOrigin.BottomLeft: canvas.Scale(1, -1); canvas.Translate(0, -bitmap.Height); break;
            case SKEncodedOrigin.LeftTop: canvas.RotateDegrees(90); canvas.Scale(1, -1); break;
            case SKEncodedOrigin.RightTop: canvas.Translate(rotated.Width, 0); canvas.RotateDegrees(90); break;
            case SKEncodedOrigin.RightBottom: canvas.Translate(rotated.Width, rotated.Height); canvas.RotateDegrees(90); canvas.Scale(-1, 1); canvas.Translate(-bitmap.Width, 0); break;
            case SKEncodedOrigin.LeftBottom: canvas.Translate(0, rotated.Height); canvas.RotateDegrees(270); break;
        }
        canvas.DrawBitmap(bitmap, 0, 0);
        return rotated;
    }
}
