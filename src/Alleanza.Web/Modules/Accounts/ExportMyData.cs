using Alleanza.Web.Modules.Families;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Accounts;

/// <summary>
/// «I miei dati»: everything the platform holds about a person and their household — account, roles, consents with
/// versions, households with members, applications, cards with devices and purchases, registrations, working tables,
/// sessions and the account's own activity — and who among the staff read it. Downloaded as a ZIP with <c>dati.json</c>
/// (for programs) and <c>dati.html</c> (the same, readable, in Italian).
/// </summary>
public sealed class ExportMyData(AppDbContext db, Support.CaseLists paths, TimeProvider clock)
{
    /// <summary>At most this many of the account's own audit entries go in the download (the newest).</summary>
    public const int MaxActivity = 2000;

    public sealed record AccountData(Guid Id, string? Email, string DisplayName, DateTime CreatedAt, bool EmailConfirmed, bool TwoFactorEnabled,
        int Passkeys, bool IsAdministrator, string? FiscalCode);
    public sealed record RoleData(string Network, string Role, string? Partner, string? Comune, DateTime Since);
    public sealed record ConsentData(string What, string Version, DateTime GivenAt, string? Network);
    public sealed record MemberData(string Role, string FirstName, string LastName, DateOnly BirthDate);
    public sealed record ApplicationData(string Status, DateTime SubmittedAt, DateTime? DecidedAt, string? Reason, string Eligibility);
    public sealed record PurchaseData(DateTime At, string Shop, string? Offer, decimal? PurchaseAmount, decimal? DiscountAmount);
    public sealed record DeviceData(string? Label, DateTime ActivatedAt, DateTime? DisabledAt);
    public sealed record CardData(string Number, string Holder, string Status, DateTime IssuedAt, DateTime ValidUntil, string? StatusReason,
        List<DeviceData> Devices, List<PurchaseData> Purchases);
    public sealed record HouseholdData(string Network, string Comune, string? IseeBand, DateOnly? IseeDate, string PrivacyVersion, DateTime PrivacyConsentAt,
        DateTime CreatedAt, List<MemberData> Members, List<ApplicationData> Applications, List<CardData> Cards);
    public sealed record RegistrationData(string Opportunity, string Network, DateTime SessionStartsAt, int Places, string Participants, string Status,
        DateTime CreatedAt, DateTime? CancelledAt, bool? Attended);
    public sealed record TableData(string Network, string Table, string Role, DateTime Since);
    public sealed record AttendanceData(string Table, DateTime MeetingStartsAt, DateTime SignedAt);
    public sealed record SessionData(DateTime SignedInAt, DateTime? ExpiresAt);
    public sealed record ActivityData(DateTime At, string Action, string? Details, string? IpAddress);
    public sealed record ReadData(DateTime At, string Who, string What, string? Network);
    public sealed record PathObjectiveData(string Objective, DateOnly Due, bool Achieved);
    public sealed record PathAppointmentData(DateTime At, string Kind, string Place);
    public sealed record PathReadData(DateTime At, string Who, string Role);
    /// <summary>A support path as the family sees it: its operators, objectives, next appointments and who read it (never
    /// the operators' notes or the assessments' scores, which the organisation gives on request).</summary>
    public sealed record PathData(string Network, string Status, List<string> Operators, List<PathObjectiveData> Objectives,
        List<PathAppointmentData> Appointments, List<PathReadData> Reads);

    public sealed record PersonalData(DateTime ExportedAt, AccountData Account, List<RoleData> Roles, List<ConsentData> Consents, List<HouseholdData> Households,
        List<RegistrationData> Registrations, List<TableData> Tables, List<AttendanceData> Attendance, List<SessionData> Sessions,
        List<ReadData> ReadsByStaff, List<ActivityData> Activity, List<PathData> Paths);

    public async Task<PersonalData?> CollectAsync(Guid userId, CancellationToken cancel = default)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && u.DeletedAt == null, cancel);
        if (user is null) return null;
        var networks = await db.Networks.AsNoTracking().ToDictionaryAsync(n => n.Id, n => n.Name, cancel);
        string NetworkName(Guid? id) => id is Guid n && networks.TryGetValue(n, out var name) ? name : "—";

        var passkeys = await db.UserPasskeys.CountAsync(p => p.UserId == userId, cancel);
        var account = new AccountData(user.Id, user.Email, user.DisplayName, user.CreatedAt, user.EmailConfirmed, user.TwoFactorEnabled, passkeys, user.IsAdministrator, user.FiscalCode);

        var roles = (await (from m in db.Memberships.AsNoTracking()
                            where m.UserId == userId
                            select new { m.NetworkId, m.Role, m.CreatedAt, Partner = db.Partners.Where(p => p.Id == m.PartnerId).Select(p => p.Name).FirstOrDefault(),
                                Comune = db.Comuni.Where(c => c.Id == m.ComuneId).Select(c => c.Name).FirstOrDefault() }).ToListAsync(cancel))
            .Select(m => new RoleData(NetworkName(m.NetworkId), NetworkRoles.Label(m.Role), m.Partner, m.Comune, m.CreatedAt)).OrderBy(r => r.Network).ToList();

        var consents = await ConsentsAsync(userId, networks, cancel);

        var households = new List<HouseholdData>();
        foreach (var h in await db.Households.AsNoTracking().Include(h => h.Members).Where(h => h.OwnerUserId == userId).OrderBy(h => h.CreatedAt).ToListAsync(cancel))
        {
            var comune = await db.Comuni.Where(c => c.Id == h.ComuneId).Select(c => c.Name).FirstAsync(cancel);
            var applications = (await db.CardApplications.AsNoTracking().Where(a => a.HouseholdId == h.Id).OrderBy(a => a.SubmittedAt).ToListAsync(cancel))
                .Select(a => new ApplicationData(Labels.Of(a.Status), a.SubmittedAt, a.DecidedAt, a.Reason, a.EligibilitySummary)).ToList();
            var cards = new List<CardData>();
            foreach (var c in await db.Cards.AsNoTracking().Where(c => c.HouseholdId == h.Id).OrderBy(c => c.IssuedAt).ToListAsync(cancel))
            {
                var devices = await db.CardDevices.AsNoTracking().Where(d => d.CardId == c.Id).OrderBy(d => d.CreatedAt)
                    .Select(d => new DeviceData(d.Label, d.CreatedAt, d.RevokedAt)).ToListAsync(cancel);
                var purchases = await db.Redemptions.AsNoTracking().Where(r => r.CardId == c.Id).OrderBy(r => r.At)
                    .Select(r => new PurchaseData(r.At, db.Shops.Where(s => s.Id == r.ShopId).Select(s => s.Name).FirstOrDefault() ?? "—",
                        db.Offers.Where(o => o.Id == r.OfferId).Select(o => o.Title).FirstOrDefault(), r.PurchaseAmount, r.DiscountAmount)).ToListAsync(cancel);
                cards.Add(new CardData(c.Number, c.HolderFirstName + " " + c.HolderLastName, Labels.Of(c.Status), c.IssuedAt, c.ValidUntil, c.StatusReason, devices, purchases));
            }
            households.Add(new HouseholdData(NetworkName(h.NetworkId), comune, h.IseeBand is IseeBand band ? Labels.Of(band) : null, h.IseeDate, h.PrivacyVersion,
                h.PrivacyConsentAt, h.CreatedAt,
                h.Members.OrderBy(m => m.Role).ThenBy(m => m.BirthDate).Select(m => new MemberData(Labels.Of(m.Role), m.FirstName, m.LastName, m.BirthDate)).ToList(),
                applications, cards));
        }

        var supportPaths = new List<PathData>();
        foreach (var networkId in await db.Households.AsNoTracking().Where(h => h.OwnerUserId == userId).Select(h => h.NetworkId).Distinct().ToListAsync(cancel))
            foreach (var p in await paths.ForFamilyAsync(networkId, userId, cancel))
                supportPaths.Add(new PathData(NetworkName(networkId), Support.SupportLabels.Of(p.Status), p.Operators,
                    p.Objectives.Select(o => new PathObjectiveData(o.Title, o.Due, o.Achieved)).ToList(),
                    p.Appointments.Select(a => new PathAppointmentData(a.StartsAt, Support.SupportLabels.Of(a.Kind), a.Place)).ToList(),
                    p.Reads.Select(r => new PathReadData(r.At, r.Name, r.Role)).ToList()));

        var registrations = (await (from r in db.Registrations.AsNoTracking()
                                    join s in db.OpportunitySessions on r.SessionId equals s.Id
                                    join o in db.Opportunities on s.OpportunityId equals o.Id
                                    where r.UserId == userId
                                    orderby s.StartsAt
                                    select new { o.Title, r.NetworkId, s.StartsAt, r.Places, r.Participants, r.Status, r.CreatedAt, r.CancelledAt, r.Attended }).ToListAsync(cancel))
            .Select(r => new RegistrationData(r.Title, NetworkName(r.NetworkId), r.StartsAt, r.Places, r.Participants, StatusLabel(r.Status), r.CreatedAt, r.CancelledAt, r.Attended)).ToList();

        var tables = (await (from m in db.TableMembers.AsNoTracking()
                             join t in db.WorkingTables on m.TableId equals t.Id
                             where m.UserId == userId
                             select new { t.NetworkId, t.Name, m.Role, m.AddedAt }).ToListAsync(cancel))
            .Select(t => new TableData(NetworkName(t.NetworkId), t.Name, Network.Tables.TableRoles.Label(t.Role), t.AddedAt)).ToList();
        var attendance = await (from a in db.MeetingAttendances.AsNoTracking()
                                join m in db.TableMeetings on a.MeetingId equals m.Id
                                join t in db.WorkingTables on m.TableId equals t.Id
                                where a.UserId == userId
                                orderby m.StartsAt
                                select new AttendanceData(t.Name, m.StartsAt, a.At)).ToListAsync(cancel);
        var sessions = await db.AuthSessions.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt)
            .Select(s => new SessionData(s.CreatedAt, s.ExpiresAt)).ToListAsync(cancel);
        var reads = (await ReadsQuery(userId).OrderByDescending(a => a.At).ToListAsync(cancel))
            .Select(a => ToRead(a, networks)).ToList();
        var activity = await db.AuditEntries.AsNoTracking().Where(a => a.UserId == userId).OrderByDescending(a => a.At).Take(MaxActivity)
            .Select(a => new ActivityData(a.At, a.Action, a.Details, a.IpAddress)).ToListAsync(cancel);

        return new PersonalData(clock.GetUtcNow().UtcDateTime, account, roles, consents, households, registrations, tables, attendance, sessions, reads, activity, supportPaths);
    }

    /// <summary>
    /// The consents given, newest first. Households registered before versions were recorded show their current consent;
    /// an account created before show that its version was not recorded.
    /// </summary>
    public async Task<List<ConsentData>> ConsentsAsync(Guid userId, IReadOnlyDictionary<Guid, string>? networks = null, CancellationToken cancel = default)
    {
        networks ??= await db.Networks.AsNoTracking().ToDictionaryAsync(n => n.Id, n => n.Name, cancel);
        string? NetworkName(Guid? id) => id is Guid n && networks.TryGetValue(n, out var name) ? name : null;
        var recorded = await db.Consents.AsNoTracking().Where(c => c.UserId == userId).ToListAsync(cancel);
        var list = recorded.Select(c => new ConsentData(ConsentKinds.Label(c.Kind), c.Version, c.GivenAt, NetworkName(c.NetworkId))).ToList();
        foreach (var h in await db.Households.AsNoTracking().Where(h => h.OwnerUserId == userId && h.PrivacyVersion != "").Select(h => new { h.NetworkId, h.PrivacyVersion, h.PrivacyConsentAt }).ToListAsync(cancel))
            if (!recorded.Any(c => c.Kind == ConsentKinds.HouseholdCard && c.NetworkId == h.NetworkId && c.Version == h.PrivacyVersion))
                list.Add(new ConsentData(ConsentKinds.Label(ConsentKinds.HouseholdCard), h.PrivacyVersion, h.PrivacyConsentAt, NetworkName(h.NetworkId)));
        if (!recorded.Any(c => c.Kind == ConsentKinds.AccountPrivacy)
            && await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => (DateTime?)u.CreatedAt).FirstOrDefaultAsync(cancel) is DateTime created)
            list.Add(new ConsentData(ConsentKinds.Label(ConsentKinds.AccountPrivacy), Tr.Get("non registrata (account creato prima che le versioni fossero registrate)"), created, null));
        return list.OrderByDescending(c => c.GivenAt).ToList();
    }

    /// <summary>Staff reads of the person's data (the access log), newest first, a page at a time.</summary>
    public async Task<Paged<ReadData>> ReadsAsync(Guid userId, int page, int pageSize = 20, CancellationToken cancel = default)
    {
        var query = ReadsQuery(userId);
        var total = await query.CountAsync(cancel);
        var pages = Math.Max(1, (int)Math.Ceiling(total / (double)pageSize));
        page = Math.Clamp(page, 1, pages);
        var networks = await db.Networks.AsNoTracking().ToDictionaryAsync(n => n.Id, n => n.Name, cancel);
        var rows = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).PageOf(page, pageSize).ToListAsync(cancel);
        return new Paged<ReadData>(rows.Select(a => ToRead(a, networks)).ToList(), total, page, pageSize);
    }

    IQueryable<AuditEntry> ReadsQuery(Guid userId)
    {
        var id = userId.ToString();
        return db.AuditEntries.AsNoTracking().Where(a => a.Action == PersonalDataReads.Action && a.EntityType == nameof(AppUser) && a.EntityId == id);
    }

    static ReadData ToRead(AuditEntry a, IReadOnlyDictionary<Guid, string> networks)
    {
        var (who, what) = PersonalDataReads.Split(a.Details);
        return new ReadData(a.At, who, what, a.NetworkId is Guid n && networks.TryGetValue(n, out var name) ? name : null);
    }

    static string StatusLabel(RegistrationStatus status) => status switch
    {
        RegistrationStatus.Confirmed => "Confermata",
        RegistrationStatus.Waiting => "In lista d'attesa",
        _ => "Annullata",
    };

    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The download: <c>dati.json</c> and <c>dati.html</c> in one ZIP.</summary>
    public static byte[] Zip(PersonalData data)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "dati.json", JsonSerializer.SerializeToUtf8Bytes(data, Json));
            Add(zip, "dati.html", Encoding.UTF8.GetBytes(Html(data)));
        }
        return buffer.ToArray();
    }

    static void Add(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        stream.Write(content);
    }

    /// <summary>The same data as a readable Italian document (self-contained: no scripts, no external files).</summary>
    public static string Html(PersonalData d)
    {
        var h = new StringBuilder();
        string E(string? text) => HtmlEncoder.Default.Encode(text ?? "—");
        string When(DateTime? utc) => utc is DateTime t ? RomeTime.Format(t, "d/M/yyyy HH:mm") : "—";
        string Money(decimal? value) => value is decimal v ? v.ToString("N2", RomeTime.Italian) + " €" : "—";
        string YesNo(bool? value) => value switch { true => "sì", false => "no", _ => "—" };
        void Table(string caption, string[] headers, IEnumerable<string[]> rows, string empty)
        {
            var list = rows.ToList();
            if (list.Count == 0) { h.Append("<p><em>").Append(E(empty)).Append("</em></p>"); return; }
            h.Append("<table><caption>").Append(E(caption)).Append("</caption><thead><tr>");
            foreach (var header in headers) h.Append("<th scope=\"col\">").Append(E(header)).Append("</th>");
            h.Append("</tr></thead><tbody>");
            foreach (var row in list)
            {
                h.Append("<tr>");
                foreach (var cell in row) h.Append("<td>").Append(cell).Append("</td>");
                h.Append("</tr>");
            }
            h.Append("</tbody></table>");
        }

        h.Append("<!DOCTYPE html><html lang=\"it\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
         .Append("<title>I miei dati — ").Append(E(d.Account.DisplayName)).Append("</title><style>")
         .Append("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}")
         .Append("table{border-collapse:collapse;width:100%;margin:0 0 1.5rem}caption{text-align:left;font-weight:600;padding:.25rem 0}")
         .Append("th,td{border:1px solid #aab;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#eef2f6}h2{margin-top:2rem;border-bottom:2px solid #0066cc}")
         .Append("dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}")
         .Append("</style></head><body>");
        h.Append("<h1>I miei dati</h1><p>Tutto ciò che la piattaforma Alleanza conserva su di te e sul tuo nucleo familiare, al ")
         .Append(E(When(d.ExportedAt))).Append(" (ora italiana). Lo stesso contenuto è nel file <code>dati.json</code>, leggibile dai programmi.</p>");

        h.Append("<h2>Account</h2><dl>")
         .Append("<dt>Nome</dt><dd>").Append(E(d.Account.DisplayName)).Append("</dd>")
         .Append("<dt>Email</dt><dd>").Append(E(d.Account.Email)).Append("</dd>")
         .Append("<dt>Codice fiscale</dt><dd>").Append(E(d.Account.FiscalCode ?? "non indicato")).Append("</dd>")
         .Append("<dt>Creato il</dt><dd>").Append(E(When(d.Account.CreatedAt))).Append("</dd>")
         .Append("<dt>Email confermata</dt><dd>").Append(YesNo(d.Account.EmailConfirmed)).Append("</dd>")
         .Append("<dt>Verifica in due passaggi</dt><dd>").Append(YesNo(d.Account.TwoFactorEnabled)).Append("</dd>")
         .Append("<dt>Passkey registrate</dt><dd>").Append(d.Account.Passkeys).Append("</dd>")
         .Append("<dt>Amministratore della piattaforma</dt><dd>").Append(YesNo(d.Account.IsAdministrator)).Append("</dd></dl>");

        h.Append("<h2>Ruoli nelle reti</h2>");
        Table("Ruoli", ["Rete", "Ruolo", "Ente", "Comune", "Dal"], d.Roles.Select(r => new[] { E(r.Network), E(r.Role), E(r.Partner), E(r.Comune), E(When(r.Since)) }), "Nessun ruolo.");

        h.Append("<h2>Consensi</h2>");
        Table("Consensi dati", ["Consenso", "Versione dell'informativa", "Data", "Rete"], d.Consents.Select(c => new[] { E(c.What), E(c.Version), E(When(c.GivenAt)), E(c.Network) }), "Nessun consenso registrato.");

        h.Append("<h2>Nucleo familiare e Carta Famiglia</h2>");
        if (d.Households.Count == 0) h.Append("<p><em>Non hai registrato un nucleo familiare.</em></p>");
        foreach (var hh in d.Households)
        {
            h.Append("<h3>Nucleo nella rete «").Append(E(hh.Network)).Append("»</h3><dl>")
             .Append("<dt>Comune di residenza</dt><dd>").Append(E(hh.Comune)).Append("</dd>")
             .Append("<dt>Fascia ISEE</dt><dd>").Append(E(hh.IseeBand)).Append(hh.IseeDate is DateOnly iseeDate ? " (attestazione del " + iseeDate.ToString("d/M/yyyy") + ")" : "").Append("</dd>")
             .Append("<dt>Registrato il</dt><dd>").Append(E(When(hh.CreatedAt))).Append("</dd></dl>");
            Table("Componenti", ["Ruolo", "Nome", "Cognome", "Data di nascita"], hh.Members.Select(m => new[] { E(m.Role), E(m.FirstName), E(m.LastName), m.BirthDate.ToString("d/M/yyyy") }), "Nessun componente.");
            Table("Domande di Carta Famiglia", ["Stato", "Presentata", "Decisa", "Motivo", "Requisiti"], hh.Applications.Select(a => new[] { E(a.Status), E(When(a.SubmittedAt)), E(When(a.DecidedAt)), E(a.Reason), E(a.Eligibility) }), "Nessuna domanda.");
            foreach (var c in hh.Cards)
            {
                h.Append("<h4>Carta n. ").Append(E(c.Number)).Append(" — ").Append(E(c.Holder)).Append("</h4><p>Stato: ").Append(E(c.Status))
                 .Append(" · emessa il ").Append(E(When(c.IssuedAt))).Append(" · valida fino al ").Append(E(When(c.ValidUntil)))
                 .Append(c.StatusReason is null ? "" : " · motivo: " + E(c.StatusReason)).Append("</p>");
                Table("Telefoni su cui la carta è attiva", ["Telefono", "Attivata", "Disattivata"], c.Devices.Select(x => new[] { E(x.Label), E(When(x.ActivatedAt)), E(When(x.DisabledAt)) }), "La carta non è stata attivata su un telefono.");
                Table("Acquisti con la carta", ["Data", "Negozio", "Convenzione", "Spesa", "Sconto"], c.Purchases.Select(p => new[] { E(When(p.At)), E(p.Shop), E(p.Offer), E(Money(p.PurchaseAmount)), E(Money(p.DiscountAmount)) }), "Nessun acquisto registrato.");
            }
        }

        if (d.Paths.Count > 0)
        {
            h.Append("<h2>Percorsi di accompagnamento</h2><p>Quello che il vostro percorso mostra a voi. Le note degli operatori e le valutazioni ")
             .Append("non sono in questo file: potete chiederle all'ente che vi accompagna.</p>");
            foreach (var p in d.Paths)
            {
                h.Append("<h3>Percorso nella rete «").Append(E(p.Network)).Append("»</h3><p>Stato: ").Append(E(p.Status))
                 .Append(" · operatori: ").Append(E(p.Operators.Count == 0 ? "—" : string.Join(", ", p.Operators))).Append("</p>");
                Table("Obiettivi", ["Obiettivo", "Entro il", "Raggiunto"], p.Objectives.Select(o => new[] { E(o.Objective), o.Due.ToString("d/M/yyyy"), YesNo(o.Achieved) }), "Nessun obiettivo.");
                Table("Prossimi appuntamenti", ["Quando", "Che cosa", "Dove"], p.Appointments.Select(a => new[] { E(When(a.At)), E(a.Kind), E(a.Place) }), "Nessun appuntamento in programma.");
                Table("Chi ha letto il percorso", ["Quando", "Chi", "Ruolo"], p.Reads.Select(r => new[] { E(When(r.At)), E(r.Who), E(r.Role) }), "Nessuna lettura registrata.");
            }
        }

        h.Append("<h2>Iscrizioni alle opportunità</h2>");
        Table("Iscrizioni", ["Opportunità", "Rete", "Data", "Posti", "Partecipanti", "Stato", "Presenza"], d.Registrations.Select(r => new[]
            { E(r.Opportunity), E(r.Network), E(When(r.SessionStartsAt)), r.Places.ToString(), E(r.Participants), E(r.Status), E(YesNo(r.Attended)) }), "Nessuna iscrizione.");

        h.Append("<h2>Tavoli di lavoro</h2>");
        Table("Tavoli", ["Rete", "Tavolo", "Ruolo", "Dal"], d.Tables.Select(t => new[] { E(t.Network), E(t.Table), E(t.Role), E(When(t.Since)) }), "Non partecipi a tavoli di lavoro.");
        Table("Presenze agli incontri", ["Tavolo", "Incontro", "Firma"], d.Attendance.Select(a => new[] { E(a.Table), E(When(a.MeetingStartsAt)), E(When(a.SignedAt)) }), "Nessuna presenza registrata.");

        h.Append("<h2>Chi ha letto i dati della mia famiglia</h2>");
        Table("Letture da parte del personale", ["Quando", "Chi (ruolo ed ente)", "Che cosa", "Rete"], d.ReadsByStaff.Select(r => new[] { E(When(r.At)), E(r.Who), E(r.What), E(r.Network) }), "Nessuna lettura registrata.");

        h.Append("<h2>Accessi aperti</h2>");
        Table("Sessioni", ["Accesso", "Scadenza"], d.Sessions.Select(s => new[] { E(When(s.SignedInAt)), E(When(s.ExpiresAt)) }), "Nessuna sessione aperta.");

        h.Append("<h2>Attività del tuo account</h2><p>Le operazioni registrate nel registro della piattaforma (le più recenti, al massimo ")
         .Append(MaxActivity).Append(").</p>");
        Table("Attività", ["Quando", "Operazione", "Dettagli", "Indirizzo IP"], d.Activity.Select(a => new[] { E(When(a.At)), E(a.Action), E(a.Details), E(a.IpAddress) }), "Nessuna attività registrata.");
        h.Append("</body></html>");
        return h.ToString();
    }
}

/// <summary>Italian labels of enums from their [Display] names.</summary>
static class Labels
{
    public static string Of<T>(T value) where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.DisplayAttribute), false)
            .OfType<System.ComponentModel.DataAnnotations.DisplayAttribute>().FirstOrDefault()?.GetName() ?? value.ToString();
}
