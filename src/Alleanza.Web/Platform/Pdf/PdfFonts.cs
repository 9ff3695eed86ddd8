using PdfSharp.Fonts;

namespace Alleanza.Web.Platform.Pdf;

/// <summary>
/// PDFsharp's core build finds no system fonts on Linux: every PDF the platform writes uses Titillium Web,
/// Bootstrap Italia's typeface, whose TrueType files the build copies from the npm package into wwwroot/lib/pdf-fonts.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "Titillium Web";
    static readonly object Gate = new();
    static bool installed;
    readonly string folder;

    PdfFonts(string folder) => this.folder = folder;

    /// <summary>Sets the resolver once per process (PDFsharp keeps it in a global).</summary>
    public static void Install(string webRoot)
    {
        lock (Gate)
        {
            if (installed) return;
            // PDFsharp 6.5 (the only version our registry has) refuses to work without a licence; Alleanza is open
            // source, so it uses the free AGPL licence. A deployment that cannot accept the AGPL needs a commercial key.
            PdfSharp.PdfSharpLicense.SetAgplLicense();
            GlobalFontSettings.FontResolver = new PdfFonts(Path.Combine(webRoot, "lib", "pdf-fonts"));
            installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "titillium-web-v10-latin-ext_latin-700" : "titillium-web-v10-latin-ext_latin-regular", false, italic);

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(Path.Combine(folder, faceName + ".ttf"));
}
