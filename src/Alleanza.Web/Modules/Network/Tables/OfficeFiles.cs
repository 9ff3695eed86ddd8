using Alleanza.Web.Platform.Files;

namespace Alleanza.Web.Modules.Network.Tables;

/// <summary>
/// What a working table accepts as a document (and a support path as its signed consent form): PDF, Office Open XML
/// (docx, xlsx, pptx) and OpenDocument (odt, ods, odp), up to <see cref="MaxBytes"/>, recognised by <see cref="FileKinds"/>.
/// </summary>
public static class OfficeFiles
{
    public const long MaxBytes = 10 * 1024 * 1024;

    static readonly FileKind[] Accepted = [FileKinds.Pdf, FileKinds.Docx, FileKinds.Xlsx, FileKinds.Pptx, FileKinds.Odt, FileKinds.Ods, FileKinds.Odp];

    /// <summary>What the file is, or null when it is none of the accepted kinds (or is damaged).</summary>
    public static FileKind? Inspect(byte[] data) => FileKinds.Recognise(data, Accepted);

    /// <summary>The Italian message for a file that cannot be attached, or null when it is fine.</summary>
    public static string? Problem(long length, FileKind? kind) =>
        length == 0 ? "Il file è vuoto."
        : length > MaxBytes ? "Il file supera i 10 MB: riducilo e riprova."
        : kind is null ? "Il file non è un PDF né un documento Word, Excel, PowerPoint o OpenDocument (docx, xlsx, pptx, odt, ods, odp)."
        : null;
}
