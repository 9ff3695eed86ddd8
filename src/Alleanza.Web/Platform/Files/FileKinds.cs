using System.IO.Compression;
using System.Text;

namespace Alleanza.Web.Platform.Files;

/// <summary>What an uploaded file really is: its extension, its content type and the word people know it by.</summary>
public sealed record FileKind(string Extension, string ContentType, string Label);

/// <summary>
/// The one place that recognises an uploaded document by its bytes (never by its name or the browser's word) and names it
/// safely for download. Each module says which kinds and how large it accepts (the working tables' <c>OfficeFiles</c>, the
/// Family Card's <c>ApplicationFiles</c>); documents are kept in the database with these names and content types.
/// </summary>
public static class FileKinds
{
    public static readonly FileKind Pdf = new("pdf", "application/pdf", "PDF");
    public static readonly FileKind Jpeg = new("jpg", "image/jpeg", "JPEG");
    public static readonly FileKind Png = new("png", "image/png", "PNG");
    public static readonly FileKind Docx = new("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word");
    public static readonly FileKind Xlsx = new("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel");
    public static readonly FileKind Pptx = new("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint");
    public static readonly FileKind Odt = new("odt", "application/vnd.oasis.opendocument.text", "Documento ODF");
    public static readonly FileKind Ods = new("ods", "application/vnd.oasis.opendocument.spreadsheet", "Foglio ODF");
    public static readonly FileKind Odp = new("odp", "application/vnd.oasis.opendocument.presentation", "Presentazione ODF");

    static readonly FileKind[] All = [Pdf, Jpeg, Png, Docx, Xlsx, Pptx, Odt, Ods, Odp];
    static readonly FileKind[] OpenDocument = [Odt, Ods, Odp];

    /// <summary>What the bytes are among <paramref name="accepted"/>, or null (another kind, or damaged).</summary>
    public static FileKind? Recognise(byte[] data, IReadOnlyCollection<FileKind> accepted) =>
        Recognise(data) is { } kind && accepted.Contains(kind) ? kind : null;

    static FileKind? Recognise(byte[] data)
    {
        if (data.Length >= 5 && data.AsSpan(0, 5).SequenceEqual("%PDF-"u8)) return Pdf;
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) return Jpeg;
        if (data.Length >= 8 && data.AsSpan(0, 8).SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (data.Length < 30 || !data.AsSpan(0, 4).SequenceEqual("PK\u0003\u0004"u8)) return null;
        try
        {
            // A zip: OpenDocument names itself in "mimetype"; Office Open XML has [Content_Types].xml and its folder.
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

    /// <summary>A safe file name for the download, with the extension of what the file really is.</summary>
    public static string SafeName(string? original, FileKind kind)
    {
        var name = Path.GetFileNameWithoutExtension(Path.GetFileName((original ?? "").Replace('\\', '/')));
        var clean = new string(name.Select(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' or '(' or ')' ? c : '_').ToArray()).Trim(' ', '.');
        if (clean.Length == 0) clean = "documento";
        if (clean.Length > 150) clean = clean[..150];
        return $"{clean}.{kind.Extension}";
    }

    /// <summary>The word for a stored content type ("PDF", "Word" …), or "File".</summary>
    public static string Label(string contentType) => All.FirstOrDefault(k => k.ContentType == contentType)?.Label ?? "File";

    /// <summary>A size as people read it: "830 byte", "12 kB", "1,4 MB".</summary>
    public static string Size(long bytes) =>
        bytes < 1024 ? $"{bytes} byte" : bytes < 1024 * 1024 ? $"{bytes / 1024.0:0} kB" : (bytes / (1024.0 * 1024)).ToString("0.0", RomeTime.Italian) + " MB";
}
