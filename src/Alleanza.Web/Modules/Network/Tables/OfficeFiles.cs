using System.IO.Compression;
using System.Text;

namespace Alleanza.Web.Modules.Network.Tables;

/// <summary>
/// Recognises a table's document by its bytes (never by the name or the browser's word): PDF, Office Open XML
/// (docx, xlsx, pptx) and OpenDocument (odt, ods, odp), up to <see cref="MaxBytes"/>.
/// </summary>
public static class OfficeFiles
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public sealed record Kind(string Extension, string ContentType, string Label);

    static readonly Kind Pdf = new("pdf", "application/pdf", "PDF");
    static readonly Kind Docx = new("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word");
    static readonly Kind Xlsx = new("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel");
    static readonly Kind Pptx = new("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint");
    static readonly Kind[] OpenDocument =
    [
        new("odt", "application/vnd.oasis.opendocument.text", "Documento ODF"),
        new("ods", "application/vnd.oasis.opendocument.spreadsheet", "Foglio ODF"),
        new("odp", "application/vnd.oasis.opendocument.presentation", "Presentazione ODF"),
    ];

    /// <summary>What the file is, or null when it is none of the accepted kinds (or is damaged).</summary>
    public static Kind? Inspect(byte[] data)
    {
        if (data.Length >= 5 && data.AsSpan(0, 5).SequenceEqual("%PDF-"u8)) return Pdf;
        if (data.Length < 30 || !data.AsSpan(0, 4).SequenceEqual("PK\u0003\u0004"u8)) return null;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(data, writable: false), ZipArchiveMode.Read);
            if (zip.GetEntry("mimetype") is { Length: > 0 and < 200 } mimetype)
            {
                using var reader = new StreamReader(mimetype.Open(), Encoding.ASCII);
                var type = reader.ReadToEnd().Trim();
                return OpenDocument.FirstOrDefault(k => k.ContentType == type);
            }
            if (zip.GetEntry("[Content_Types].xml") is null) return null;
            var names = zip.Entries.Select(e => e.FullName).ToList();
            if (names.Any(n => n.StartsWith("word/", StringComparison.Ordinal))) return Docx;
            if (names.Any(n => n.StartsWith("xl/", StringComparison.Ordinal))) return Xlsx;
            if (names.Any(n => n.StartsWith("ppt/", StringComparison.Ordinal))) return Pptx;
            return null;
        }
        catch (InvalidDataException) { return null; }
    }

    /// <summary>The Italian message for a file that cannot be attached, or null when it is fine.</summary>
    public static string? Problem(long length, Kind? kind) =>
        length == 0 ? "Il file è vuoto."
        : length > MaxBytes ? "Il file supera i 10 MB: riducilo e riprova."
        : kind is null ? "Il file non è un PDF né un documento Word, Excel, PowerPoint o OpenDocument (docx, xlsx, pptx, odt, ods, odp)."
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

    public static string Label(string contentType) =>
        contentType == Pdf.ContentType ? Pdf.Label
        : new[] { Docx, Xlsx, Pptx }.Concat(OpenDocument).FirstOrDefault(k => k.ContentType == contentType)?.Label ?? "File";

    public static string Size(long bytes) =>
        bytes < 1024 ? $"{bytes} byte" : bytes < 1024 * 1024 ? $"{bytes / 1024.0:0} kB" : (bytes / (1024.0 * 1024)).ToString("0.0", Platform.RomeTime.Italian) + " MB";
}
