using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Platform.Audit;

/// <summary>
/// Staff reading a family's personal data (an officer opening an application or a card, a partner's list of registrations…),
/// written to the audit log so that the family can see it in «I miei dati». One entry per person whose data was shown,
/// with <see cref="AuditEntry.EntityType"/> <c>AppUser</c> and the person's id; the details say who read it (role and
/// organisation, not the reader's name) and what, as «who — what». The same reader opening the same thing again within
/// <see cref="Window"/> adds no new entry, so a page reloaded ten times is one read.
/// </summary>
public sealed class PersonalDataReads(AppDbContext db, AuditLog audit, CurrentAccess access, CurrentNetwork network, TimeProvider clock)
{
    public const string Action = "data.read";
    public const string Separator = " — ";
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    /// <summary>Records that the signed-in person read <paramref name="what"/> about each of <paramref name="people"/> (their own data excluded).</summary>
    public async Task RecordAsync(string what, IEnumerable<Guid> people, CancellationToken cancel = default)
    {
        if (access.UserId is not Guid reader) return;
        var subjects = people.Where(p => p != reader).Distinct().ToList();
        if (subjects.Count == 0) return;
        var details = await WhoAsync() + Separator + what;
        var since = clock.GetUtcNow().UtcDateTime - Window;
        var ids = subjects.Select(s => s.ToString()).ToList();
        var recent = new HashSet<string>(await db.AuditEntries.AsNoTracking()
            .Where(a => a.UserId == reader && a.At >= since && a.Action == Action && a.EntityType == nameof(AppUser) && ids.Contains(a.EntityId!) && a.Details == details)
            .Select(a => a.EntityId!).ToListAsync(cancel));
        var added = false;
        foreach (var subject in ids.Where(id => !recent.Contains(id)))
        {
            audit.Add(Action, nameof(AppUser), subject, details, network.IsResolved ? network.Id : null);
            added = true;
        }
        if (added) await db.SaveChangesAsync(cancel);
    }

    /// <summary>The reader as the family is told: role and organisation in the current network.</summary>
    async Task<string> WhoAsync()
    {
        var roles = await access.RolesHereAsync();
        var networkName = network.Network?.Name ?? "";
        if (roles.FirstOrDefault(r => r.Role == NetworkRole.MunicipalOfficer) is { } officer)
        {
            var comune = officer.ComuneId is Guid c ? await db.Comuni.Where(x => x.Id == c).Select(x => x.Name).FirstOrDefaultAsync() : null;
            return comune is null ? $"Operatore comunale ({networkName})" : $"Operatore comunale, Comune di {comune}";
        }
        if (roles.Any(r => r.Role == NetworkRole.Coordinator)) return $"Coordinatore della rete «{networkName}»";
        if (roles.FirstOrDefault(r => r.PartnerId is not null) is { } staff)
        {
            var partner = await db.Partners.Where(p => p.Id == staff.PartnerId).Select(p => p.Name).FirstOrDefaultAsync();
            return $"{NetworkRoles.Label(staff.Role)}, {partner}";
        }
        if (access.IsAdministrator) return "Amministratore della piattaforma";
        return roles.FirstOrDefault() is { } any ? $"{NetworkRoles.Label(any.Role)} ({networkName})" : "Personale della rete";
    }

    /// <summary>«who — what» split back for display.</summary>
    public static (string Who, string What) Split(string? details)
    {
        if (string.IsNullOrEmpty(details)) return ("—", "—");
        var at = details.IndexOf(Separator, StringComparison.Ordinal);
        return at < 0 ? ("—", details) : (details[..at], details[(at + Separator.Length)..]);
    }
}
