using System.Text.RegularExpressions;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>
/// The protocol number INPS prints on an ISEE attestation: INPS-ISEE-<year>-<9 letters or digits>-<2 digits>, e.g.
/// INPS-ISEE-2026-A12345678-00. The application carries the number and the date, never the declaration (DSU) itself.
/// </summary>
public static partial class IseeProtocols
{
    /// <summary>Upper case without spaces ("inps-isee-2026-a12345678-00 " → "INPS-ISEE-2026-A12345678-00"), or null when empty.</summary>
    public static string? Normalize(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : new string(value.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant().Replace('–', '-').Replace('—', '-');

    /// <summary>Why a normalized protocol number is not one, in Italian words, or null.</summary>
    public static string? Problem(string protocol)
    {
        if (protocol.Length > 40 || !Shape().IsMatch(protocol))
            return Tr.Get("Il numero di protocollo ha la forma INPS-ISEE-anno-nove caratteri-due cifre, per esempio INPS-ISEE-2026-A12345678-00: copiatelo dall'attestazione.");
        var year = Year(protocol);
        return year is < 2015 or > 2100 ? Tr.Get("L'anno nel numero di protocollo non è plausibile.") : null;
    }

    public static int Year(string protocol) => int.Parse(protocol.AsSpan(10, 4));

    [GeneratedRegex("^INPS-ISEE-[0-9]{4}-[A-Z0-9]{9}-[0-9]{2}$")]
    private static partial Regex Shape();
}

/// <summary>
/// The documents a family attaches to an application, recognised by their bytes (never by the name or the browser's word):
/// PDF, JPEG and PNG (a scan or a photo of a paper), up to <see cref="MaxBytes"/> each. Stored in the database like the
/// working tables' documents.
/// </summary>
public static class ApplicationFiles
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxFiles = 5;

    public sealed record Kind(string Extension, string ContentType, string Label);

    static readonly Kind Pdf = new("pdf", "application/pdf", "PDF");
    static readonly Kind Jpeg = new("jpg", "image/jpeg", "JPEG");
    static readonly Kind Png = new("png", "image/png", "PNG");

    public static Kind? Inspect(byte[] data) =>
        data.Length >= 5 && data.AsSpan(0, 5).SequenceEqual("%PDF-"u8) ? Pdf
        : data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF ? Jpeg
        : data.Length >= 8 && data.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }) ? Png
        : null;

    /// <summary>The Italian message for a file that cannot be attached, or null when it is fine.</summary>
    public static string? Problem(long length, Kind? kind) =>
        length == 0 ? Tr.Get("il file è vuoto.")
        : length > MaxBytes ? Tr.Get("il file supera i 5 MB: riducetelo (per esempio una scansione in bianco e nero) e riprovate.")
        : kind is null ? Tr.Get("il file non è un PDF né una foto JPEG o PNG.")
        : null;

    /// <summary>A safe file name for the download, with the extension of what the file really is.</summary>
    public static string SafeName(string? original, Kind kind)
    {
        var name = Path.GetFileNameWithoutExtension(Path.GetFileName((original ?? "").Replace('\\', '/')));
        var clean = new string(name.Select(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' or '(' or ')' ? c : '_').ToArray()).Trim(' ', '.');
        if (clean.Length == 0) clean = "documento";
        if (clean.Length > 150) clean = clean[..150];
        return $"{clean}.{kind.Extension}";
    }

    public static string Size(long bytes) => Network.Tables.OfficeFiles.Size(bytes);
}
