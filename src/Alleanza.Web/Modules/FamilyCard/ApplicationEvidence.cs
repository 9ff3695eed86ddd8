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
/// The documents a family attaches to an application: PDF, JPEG and PNG (a scan or a photo of a paper), up to
/// <see cref="MaxBytes"/> each, recognised by <see cref="Platform.Files.FileKinds"/> and stored in the database like the
/// working tables' documents.
/// </summary>
public static class ApplicationFiles
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxFiles = 5;

    static readonly Platform.Files.FileKind[] Accepted = [Platform.Files.FileKinds.Pdf, Platform.Files.FileKinds.Jpeg, Platform.Files.FileKinds.Png];

    public static Platform.Files.FileKind? Inspect(byte[] data) => Platform.Files.FileKinds.Recognise(data, Accepted);

    /// <summary>The Italian message for a file that cannot be attached, or null when it is fine.</summary>
    public static string? Problem(long length, Platform.Files.FileKind? kind) =>
        length == 0 ? Tr.Get("il file è vuoto.")
        : length > MaxBytes ? Tr.Get("il file supera i 5 MB: riducetelo (per esempio una scansione in bianco e nero) e riprovate.")
        : kind is null ? Tr.Get("il file non è un PDF né una foto JPEG o PNG.")
        : null;
}
