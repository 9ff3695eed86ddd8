using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Statistics;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Pages.Manage;

/// <summary>
/// The network's audit log in Italian: one sentence per action, filtered by person, kind of action and period,
/// 50 a page; the CSV carries every filtered row (up to <see cref="CsvLimit"/>).
/// </summary>
public class AuditTrailModel(AppDbContext db, CurrentNetwork current) : PageModel
{
    public const int PageSize = 50, CsvLimit = 50_000;

    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    /// <summary>The person (user id) whose actions to show.</summary>
    [BindProperty(SupportsGet = true, Name = "chi")] public string? Who { get; set; }
    /// <summary>A kind of action (<see cref="AuditDescriptions.Kinds"/> code).</summary>
    [BindProperty(SupportsGet = true, Name = "tipo")] public string? KindCode { get; set; }
    [BindProperty(SupportsGet = true, Name = "dal")] public string? FromText { get; set; }
    [BindProperty(SupportsGet = true, Name = "al")] public string? ToText { get; set; }

    public sealed record Row(long Id, DateTime At, string? Person, string Action, string Kind, string Sentence, string? IpAddress, string ShownSentence = "", string? ShownDetails = null);

    public List<Row> Entries { get; private set; } = [];
    public int Total { get; private set; }
    public List<(Guid Id, string Name)> People { get; private set; } = [];
    public List<string> Notices { get; } = [];
    public Guid? PersonId { get; private set; }
    public DateOnly? From { get; private set; }
    public DateOnly? To { get; private set; }
    public bool Filtered => PersonId is not null || AuditDescriptions.KindOf(KindCode) is not null || From is not null || To is not null;
    public Pager Pager => new(PageNumber, Math.Max(1, (Total + PageSize - 1) / PageSize), Total, Request.Path, Request.Query);

    /// <summary>The CSV of the same filters (without the page).</summary>
    public string CsvUrl => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Request.Path,
        Request.Query.Where(q => q.Key is not ("pagina" or "handler")).SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new("handler", "Csv")));

    public async Task OnGetAsync(CancellationToken cancel)
    {
        if (PageNumber < 1) PageNumber = 1;
        var q = await FilteredAsync(cancel);
        Total = await q.CountAsync(cancel);
        if ((PageNumber - 1) * PageSize >= Total && Total > 0) PageNumber = (Total + PageSize - 1) / PageSize;
        Entries = await RowsAsync(q.PageOf(PageNumber, PageSize), cancel);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancel)
    {
        var rows = await RowsAsync((await FilteredAsync(cancel)).Take(CsvLimit), cancel);
        var csv = StatisticsFormat.Csv(["data_ora", "persona", "tipo", "descrizione", "codice_azione", "indirizzo_ip"],
            rows.Select(r => (IEnumerable<string>)[RomeTime.Format(r.At, "yyyy-MM-dd HH:mm:ss"), r.Person ?? "", r.Kind, r.Sentence, r.Action, r.IpAddress ?? ""]));
        return File(csv, "text/csv; charset=utf-8", $"registro-{current.Network!.Slug}-{RomeTime.Format(DateTime.UtcNow, "yyyy-MM-dd")}.csv");
    }

    async Task<IQueryable<Platform.Audit.AuditEntry>> FilteredAsync(CancellationToken cancel)
    {
        var q = db.AuditEntries.AsNoTracking().Where(a => a.NetworkId == current.Id);
        People = (await q.Where(a => a.UserId != null).Select(a => a.UserId!.Value).Distinct().Take(500)
                .Join(db.Users, id => id, u => u.Id, (id, u) => new { u.Id, Name = u.DisplayName != "" ? u.DisplayName : u.Email }).ToListAsync(cancel))
            .Select(p => (p.Id, Name: p.Name ?? "")).OrderBy(p => p.Name, StringComparer.Create(RomeTime.Italian, true)).ToList();

        if (!string.IsNullOrEmpty(Who))
        {
            if (Guid.TryParse(Who, out var id) && People.Any(p => p.Id == id)) PersonId = id;
            else Notices.Add(Tr.Get("La persona scelta non compare nel registro: il filtro è stato ignorato."));
        }
        if (PersonId is Guid person) q = q.Where(a => a.UserId == person);

        if (!string.IsNullOrEmpty(KindCode))
        {
            if (AuditDescriptions.KindOf(KindCode) is { } kind)
            {
                // Prefixes become one OR of StartsWith, which both providers translate to LIKE 'prefix%'.
                var prefixes = kind.Prefixes;
                q = prefixes.Length switch
                {
                    1 => q.Where(a => a.Action.StartsWith(prefixes[0])),
                    _ => q.Where(a => prefixes.Any(p => a.Action.StartsWith(p))),
                };
            }
            else Notices.Add(Tr.Get("Il tipo di azione scelto non esiste: il filtro è stato ignorato."));
        }

        From = ParseDate(FromText, "dal");
        To = ParseDate(ToText, "al");
        if (From is { } f && To is { } t && f > t) { Notices.Add(Tr.Get("La data «dal» viene dopo la data «al»: le date sono state scambiate.")); (From, To) = (t, f); }
        if (From is { } from) { var start = RomeTime.FromRome(from, TimeOnly.MinValue); q = q.Where(a => a.At >= start); }
        if (To is { } to) { var end = RomeTime.FromRome(to.AddDays(1), TimeOnly.MinValue); q = q.Where(a => a.At < end); }
        return q.OrderByDescending(a => a.At).ThenByDescending(a => a.Id);
    }

    DateOnly? ParseDate(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", out var d) && d.Year is >= 2000 and <= 2100) return d;
        Notices.Add(Tr.Get("La data «{0}» non è valida ed è stata ignorata (usa il formato gg/mm/aaaa).", name));
        return null;
    }

    async Task<List<Row>> RowsAsync(IQueryable<Platform.Audit.AuditEntry> q, CancellationToken cancel)
    {
        var rows = await q.GroupJoin(db.Users, a => a.UserId, u => u.Id, (a, users) => new { a, users })
            .SelectMany(x => x.users.DefaultIfEmpty(), (x, u) => new { x.a.Id, x.a.At, x.a.UserName, Name = u != null ? u.DisplayName : null, x.a.Action, x.a.EntityId, x.a.Details, x.a.IpAddress })
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id)
            .ToListAsync(cancel);
        return rows.Select(r =>
        {
            var person = string.IsNullOrWhiteSpace(r.Name) ? r.UserName : r.Name;
            var (shown, details) = AuditDescriptions.Shown(person, r.Action, r.EntityId, r.Details);
            return new Row(r.Id, r.At, person, r.Action, AuditDescriptions.KindLabel(r.Action), AuditDescriptions.Describe(person, r.Action, r.EntityId, r.Details), r.IpAddress, shown, details);
        }).ToList();
    }
}
