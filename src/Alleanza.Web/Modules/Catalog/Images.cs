using System.Buffers.Binary;

namespace Alleanza.Web.Modules.Catalog;

/// <summary>Recognises an uploaded picture by its bytes and reads its size, without trusting the file name or the browser.</summary>
public static class Images
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxSide = 4000;
    public const int MinSide = 200;

    public sealed record Info(string ContentType, int Width, int Height);

    /// <summary>JPEG, PNG or WebP with their dimensions; null for anything else (or a damaged file).</summary>
    public static Info? Inspect(ReadOnlySpan<byte> data)
    {
        if (data.Length > 24 && data[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) && data.Slice(12, 4).SequenceEqual("IHDR"u8))
            return new("image/png", (int)BinaryPrimitives.ReadUInt32BigEndian(data[16..]), (int)BinaryPrimitives.ReadUInt32BigEndian(data[20..]));
        if (data.Length > 4 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
            return Jpeg(data);
        if (data.Length > 30 && data[..4].SequenceEqual("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8))
            return WebP(data);
        return null;
    }

    static Info? Jpeg(ReadOnlySpan<byte> data)
    {
        var i = 2;
        while (i + 9 < data.Length)
        {
            if (data[i] != 0xFF) return null;
            var marker = data[i + 1];
            if (marker == 0xD8 || marker is >= 0xD0 and <= 0xD7 || marker == 0x01) { i += 2; continue; }
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 2)..]);
            // Start-of-frame markers carry the size (not DHT C4, JPG C8, DAC CC).
            if (marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC))
                return new("image/jpeg", BinaryPrimitives.ReadUInt16BigEndian(data[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(i + 5)..]));
            if (length < 2) return null;
            i += 2 + length;
        }
        return null;
    }

    static Info? WebP(ReadOnlySpan<byte> data)
    {
        var chunk = data.Slice(12, 4);
        if (chunk.SequenceEqual("VP8X"u8))
            return new("image/webp", 1 + (data[24] | data[25] << 8 | data[26] << 16), 1 + (data[27] | data[28] << 8 | data[29] << 16));
        if (chunk.SequenceEqual("VP8 "u8) && data.Length > 30)
            return new("image/webp", BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF);
        if (chunk.SequenceEqual("VP8L"u8) && data.Length > 25)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return new("image/webp", (int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }
        return null;
    }

    /// <summary>The Italian message for a file that cannot be used, or null when it is fine.</summary>
    public static string? Problem(long length, Info? info) =>
        length == 0 ? "Il file è vuoto."
        : length > MaxBytes ? "L'immagine supera i 2 MB: riducila e riprova."
        : info is null ? "Il file non è un'immagine JPEG, PNG o WebP."
        : info.Width > MaxSide || info.Height > MaxSide ? $"L'immagine è troppo grande ({info.Width}×{info.Height} pixel): al massimo {MaxSide} pixel per lato."
        : info.Width < MinSide || info.Height < MinSide ? $"L'immagine è troppo piccola ({info.Width}×{info.Height} pixel): almeno {MinSide} pixel per lato."
        : null;
}
