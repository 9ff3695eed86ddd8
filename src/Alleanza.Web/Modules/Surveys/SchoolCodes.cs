using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Pdf;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace Alleanza.Web.Modules.Surveys;

/// <summary>
/// The questionnaire through the schools: the coordinator lists partner schools' classes with their pupils; the
/// platform prints one anonymous one-use code per pupil (a PDF of slips to cut out and hand out in class) and follows
/// how many codes of each class were used — never which answer came from which code.
/// </summary>
public sealed class SchoolCodes(AppDbContext db)
{
    public const int MaxPupils = 60;

    public sealed record ClassRow(Guid Id, Guid SchoolId, string School, string Name, int Pupils, int CodesIssued, int Used)
    {
        public double? Rate => Pupils == 0 ? null : Math.Min(1, Used / (double)Pupils);
    }
    public sealed record SchoolRow(string School, int Pupils, int Used)
    {
        public double? Rate => Pupils == 0 ? null : Math.Min(1, Used / (double)Pupils);
    }

    public Task<List<(Guid Id, string Name)>> SchoolsAsync(Guid networkId) =>
        db.Partners.AsNoTracking().Where(p => p.NetworkId == networkId && p.Kind == PartnerKind.School).OrderBy(p => p.Name)
            .Select(p => new ValueTuple<Guid, string>(p.Id, p.Name)).ToListAsync();

    public async Task<List<ClassRow>> ClassesAsync(Guid surveyId)
    {
        var used = await db.SurveyCodes.AsNoTracking().Where(c => c.SurveyId == surveyId && c.ClassId != null && c.Used)
            .GroupBy(c => c.ClassId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!.Value, g => g.Count);
        return await (from k in db.SurveyClasses.AsNoTracking()
                      join p in db.Partners on k.PartnerId equals p.Id
                      where k.SurveyId == surveyId
                      orderby p.Name, k.Name
                      select new { k.Id, k.PartnerId, p.Name, Class = k.Name, k.Pupils, k.CodesIssued }).ToListAsync()
            .ContinueWith(t => t.Result.Select(r => new ClassRow(r.Id, r.PartnerId, r.Name, r.Class, r.Pupils, r.CodesIssued, used.GetValueOrDefault(r.Id))).ToList());
    }

    public static List<SchoolRow> BySchool(IEnumerable<ClassRow> classes) =>
        classes.GroupBy(c => c.School).Select(g => new SchoolRow(g.Key, g.Sum(c => c.Pupils), g.Sum(c => c.Used))).OrderBy(s => s.School).ToList();

    public async Task<(string? Field, string? Error)> AddClassAsync(Guid networkId, Guid surveyId, Guid? schoolId, string? name, int? pupils)
    {
        if (schoolId is not { } school || !await db.Partners.AnyAsync(p => p.Id == school && p.NetworkId == networkId && p.Kind == PartnerKind.School))
            return ("SchoolId", Tr.Get("Scegliete una scuola partner della rete."));
        var n = (name ?? "").Trim();
        if (n.Length is < 1 or > 60) return ("ClassName", Tr.Get("Scrivete il nome della classe (per esempio «3ª B»), al massimo 60 caratteri."));
        if (pupils is not (>= 1 and <= MaxPupils)) return ("Pupils", Tr.Get("Scrivete quanti alunni ha la classe (da 1 a {0}).", MaxPupils));
        if (await db.SurveyClasses.AnyAsync(k => k.SurveyId == surveyId && k.PartnerId == school && k.Name == n))
            return ("ClassName", Tr.Get("Questa classe di questa scuola è già nell'elenco."));
        db.SurveyClasses.Add(new SurveyClass { Id = Guid.NewGuid(), SurveyId = surveyId, PartnerId = school, Name = n, Pupils = pupils.Value });
        return await db.TrySaveAsync() ? (null, null) : ("ClassName", Tr.Get("Questa classe di questa scuola è già nell'elenco."));
    }

    public async Task<string?> RemoveClassAsync(Guid surveyId, Guid classId)
    {
        var k = await db.SurveyClasses.FirstOrDefaultAsync(c => c.Id == classId && c.SurveyId == surveyId);
        if (k is null) return Tr.Get("La classe era già stata tolta.");
        if (k.CodesIssued > 0) return Tr.Get("I codici di questa classe sono già stati stampati: la classe resta, per il tasso di risposta.");
        db.SurveyClasses.Remove(k);
        return await db.TrySaveAsync() ? null : Concurrency.AlreadyDone;
    }

    /// <summary>
    /// Makes the codes of a class (one per pupil not yet covered, or <paramref name="extra"/> more) and answers them:
    /// they are never stored, only their hashes. The class's count moves through its version token, so two twin
    /// requests do not print twice.
    /// </summary>
    public async Task<(List<string>? Codes, ClassRow? Class, string? Error)> IssueAsync(Guid surveyId, Guid classId, int? extra)
    {
        var k = await db.SurveyClasses.FirstOrDefaultAsync(c => c.Id == classId && c.SurveyId == surveyId);
        if (k is null) return (null, null, Tr.Get("Classe non trovata."));
        var survey = await db.Surveys.AsNoTracking().FirstAsync(s => s.Id == surveyId);
        if (survey.Status == SurveyStatus.Closed) return (null, null, Tr.Get("Il questionario è chiuso: non servono altri codici."));
        var count = extra is { } e ? e : k.Pupils - k.CodesIssued;
        if (extra is not null && extra is < 1 or > MaxPupils) return (null, null, Tr.Get("Da 1 a {0} codici in più.", MaxPupils));
        if (count <= 0) return (null, null, Tr.Get("I codici di questa classe sono già stati stampati. I codici non sono conservati: per un alunno che ha perso il suo, stampate codici in più."));
        var codes = Enumerable.Range(0, count).Select(_ => SurveyCodes.NewCode()).ToList();
        k.CodesIssued += count;
        db.SurveyCodes.AddRange(codes.Select(c => new SurveyCode
        {
            Id = Guid.NewGuid(), SurveyId = surveyId, Hash = SurveyCodes.Hash(SurveyCodes.Normalize(c)!), Channel = CodeChannel.School, ClassId = k.Id,
        }));
        if (!await db.TrySaveAsync()) return (null, null, Tr.Get("I codici di questa classe sono appena stati stampati da un'altra richiesta: già fatto."));
        var school = await db.Partners.Where(p => p.Id == k.PartnerId).Select(p => p.Name).FirstAsync();
        return (codes, new ClassRow(k.Id, k.PartnerId, school, k.Name, k.Pupils, k.CodesIssued, 0), null);
    }

    /// <summary>
    /// One line of instructions in each language a slip can print, beside the Italian ones. Titillium Web (the PDF's
    /// only typeface, see <see cref="PdfFonts"/>) covers the Latin scripts only: it has no Cyrillic, Arabic or Chinese
    /// glyphs, so for Ukrainian, Arabic and Chinese the slip names the language in Italian instead (see
    /// <see cref="ItalianNames"/>): the family finds the translation on the site's language menu. Texts to be reviewed
    /// by native speakers, like the other translations.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Instructions = new Dictionary<string, string>
    {
        ["en"] = "English: scan the QR code or open the link and type the code. Anonymous, for one family only.",
        ["ro"] = "Română: scanați codul QR sau deschideți linkul și scrieți codul. Anonim, pentru o singură familie.",
        ["sq"] = "Shqip: skanoni kodin QR ose hapni lidhjen dhe shkruani kodin. Anonim, vetëm për një familje.",
    };

    /// <summary>Languages whose script the PDF font lacks, named in Italian on the slip.</summary>
    public static readonly IReadOnlyDictionary<string, string> ItalianNames = new Dictionary<string, string>
    {
        ["ar"] = "arabo", ["uk"] = "ucraino", ["zh"] = "cinese",
    };

    /// <summary>The lines the slips add for the questionnaire's other languages (its translations), in the languages' order.</summary>
    public static List<string> OtherLanguageLines(IEnumerable<string> languages)
    {
        var list = languages.ToList();
        var lines = list.Where(Instructions.ContainsKey).Select(l => Instructions[l]).ToList();
        var named = list.Where(ItalianNames.ContainsKey).Select(l => ItalianNames[l]).ToList();
        if (named.Count > 0)
            lines.Add($"Il questionario è anche in {string.Join(", ", named[..^1])}{(named.Count > 1 ? " e " : "")}{named[^1]}: sceglietelo dal menu della lingua del sito.");
        return lines;
    }

    /// <summary>
    /// The slips (A4, 2 × 5 a page; 2 × 4 when the questionnaire has other languages, whose instructions need the room):
    /// the questionnaire, the code, a QR to the page that opens it, short instructions in Italian and in the
    /// questionnaire's other <paramref name="languages"/> (codes such as "en").
    /// </summary>
    public static byte[] Slips(string networkName, string surveyTitle, string school, string className, IReadOnlyList<string> codes, Func<string, string> linkFor, string webRoot,
        IReadOnlyList<string>? languages = null)
    {
        PdfFonts.Install(webRoot);
        using var document = new PdfDocument();
        document.Info.Title = $"Codici del questionario — {school}, {className}";
        document.Info.Author = networkName;
        var mm = 72 / 25.4;
        var others = OtherLanguageLines(languages ?? []);
        var perPage = others.Count == 0 ? 10 : 8;
        var title = new XFont(PdfFonts.Family, 9, XFontStyleEx.Bold);
        var codeFont = new XFont(PdfFonts.Family, 15, XFontStyleEx.Bold);
        var small = new XFont(PdfFonts.Family, 7);
        var pen = new XPen(XColors.Gray, 0.5) { DashStyle = XDashStyle.Dash };
        for (var start = 0; start < codes.Count; start += perPage)
        {
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            using var g = XGraphics.FromPdfPage(page);
            double w = 95 * mm, h = (perPage == 10 ? 55 : 69) * mm, left = 10 * mm, top = 10 * mm;
            // The other languages' lines share one size, the largest at which the longest fits the slip's width.
            var otherFont = FitFont(g, others, w - 8 * mm, 6.5, 4.5);
            for (var i = 0; i < perPage && start + i < codes.Count; i++)
            {
                var code = codes[start + i];
                double x = left + (i % 2) * w, y = top + (i / 2) * h;
                g.DrawRectangle(pen, x, y, w, h);
                g.DrawString(Fit(surveyTitle, 48), title, XBrushes.Black, new XPoint(x + 4 * mm, y + 7 * mm));
                g.DrawString(Fit($"{networkName}", 60), small, XBrushes.Black, new XPoint(x + 4 * mm, y + 11 * mm));
                g.DrawString($"{Fit(school, 40)} — {Fit(className, 12)}", small, XBrushes.Black, new XPoint(x + 4 * mm, y + 15 * mm));
                g.DrawString("Il vostro codice:", small, XBrushes.Black, new XPoint(x + 4 * mm, y + 23 * mm));
                g.DrawString(code, codeFont, XBrushes.Black, new XPoint(x + 4 * mm, y + 30 * mm));
                var lines = new[]
                {
                    "Inquadrate il QR col telefono, oppure aprite",
                    Fit(linkFor(""), 52),
                    "e scrivete il codice. Il questionario è anonimo:",
                    "il codice serve solo a rispondere una volta e a",
                    "riprendere più tardi. Vale per una sola famiglia.",
                };
                var ly = y + 37 * mm;
                foreach (var line in lines) { g.DrawString(line, small, XBrushes.Black, new XPoint(x + 4 * mm, ly)); ly += 3.4 * mm; }
                ly += 0.8 * mm;
                foreach (var line in others.Take(6)) { g.DrawString(line, otherFont, XBrushes.Black, new XPoint(x + 4 * mm, ly)); ly += 2.9 * mm; }
                using var data = new QRCodeGenerator().CreateQrCode(linkFor(code), QRCodeGenerator.ECCLevel.M);
                var modules = data.ModuleMatrix;
                var size = 30 * mm;
                var cell = size / modules.Count;
                double qx = x + w - size - 3 * mm, qy = y + 18 * mm;
                for (var my = 0; my < modules.Count; my++)
                    for (var mx = 0; mx < modules.Count; mx++)
                        if (modules[my][mx]) g.DrawRectangle(XBrushes.Black, qx + mx * cell, qy + my * cell, cell + 0.05, cell + 0.05);
            }
        }
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    static XFont FitFont(XGraphics g, IReadOnlyList<string> lines, double width, double largest, double smallest)
    {
        for (var size = largest; ; size -= 0.25)
        {
            var font = new XFont(PdfFonts.Family, size);
            if (size <= smallest || lines.All(l => g.MeasureString(l, font).Width <= width)) return font;
        }
    }

    static string Fit(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
