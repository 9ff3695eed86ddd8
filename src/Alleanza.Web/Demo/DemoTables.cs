using System.Text;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Modules.Network.Tables;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Demo;

/// <summary>
/// Demo working tables: Portogruaro's four tables (seed 000) and Brianza's intercommunal table and table of families
/// (seed 001), with members, past meetings with minutes and attendance, a meeting to come, actions and a document.
/// </summary>
public static class DemoTables
{
    sealed record Seat(Guid UserId, Guid? PartnerId, TableRole Role);

    public static async Task AddAsync(AppDbContext db, IReadOnlyDictionary<string, AllianceNetwork> networks,
        IReadOnlyDictionary<string, List<Partner>> partners, IDataProtectionProvider protection, DateTime now)
    {
        var protector = protection.CreateProtector(TableMeetings.ProtectorPurpose);
        var today = DateOnly.FromDateTime(now.ToRome());
        async Task<(Guid Id, Guid? Partner)> Account(string email, Guid networkId)
        {
            var user = await db.Users.Where(u => u.Email == email).Select(u => u.Id).FirstAsync();
            var partner = await db.Memberships.Where(m => m.UserId == user && m.NetworkId == networkId && m.PartnerId != null).Select(m => m.PartnerId).FirstOrDefaultAsync();
            return (user, partner);
        }
        // Staff of partners, without a password (they cannot sign in): the other people at the tables.
        Guid Staff(AllianceNetwork network, Partner partner, string first, string last)
        {
            var email = $"{Text.Slug(first)}.{Text.Slug(last)}@{network.Slug}.esempio.demo";
            var user = new AppUser
            {
                Id = Guid.NewGuid(), UserName = email, Email = email, NormalizedUserName = email.ToUpperInvariant(), NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true, DisplayName = $"{first} {last}", SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = now,
            };
            db.Users.Add(user);
            db.Memberships.Add(new Membership { Id = Guid.NewGuid(), UserId = user.Id, NetworkId = network.Id, Role = NetworkRole.PartnerStaff, PartnerId = partner.Id, CreatedAt = now });
            return user.Id;
        }
        Partner P(string slug, string name) => partners[slug].First(p => p.Name == name);

        // Portogruaro
        var pg = networks["portogruaro"];
        var coordinator = await Account("coordinatore@portogruaro.demo", pg.Id);
        var referent = await Account("referente@portogruaro.demo", pg.Id);
        var officer = await Account("comune@portogruaro.demo", pg.Id);
        var family = await Account("famiglia@portogruaro.demo", pg.Id);
        var school = P("portogruaro", "Istituto Comprensivo di Portogruaro");
        var ulss = P("portogruaro", "Azienda ULSS 4 Veneto Orientale");
        var swim = P("portogruaro", "ASD Nuoto Portogruaro");
        var lemene = P("portogruaro", "Associazione culturale Lemene");
        var granello = P("portogruaro", "Cooperativa sociale Il Granello");
        var concordia = P("portogruaro", "Comune di Concordia Sagittaria");
        var portogruaro = P("portogruaro", "Comune di Portogruaro");
        var teacher = Staff(pg, school, "Laura", "Tonon");
        var pediatrician = Staff(pg, ulss, "Michele", "Drigo");
        var coach = Staff(pg, swim, "Federica", "Sut");
        var culture = Staff(pg, lemene, "Alberto", "Moro");
        var coop = Staff(pg, granello, "Silvia", "Perissinotto");
        var concordiaOfficer = Staff(pg, concordia, "Giorgio", "Bravin");

        var parenting = Table(db, pg, "Tavolo genitorialità e benessere della famiglia",
            "Sostenere la genitorialità e ampliare l'offerta di servizi per le famiglie con figli: percorsi per neo-genitori, spazi di ascolto, prevenzione del disagio giovanile.",
            now.AddMonths(-10),
            [new(referent.Id, referent.Partner, TableRole.Referent), new(family.Id, null, TableRole.FamilyRepresentative), new(pediatrician, ulss.Id, TableRole.Member),
             new(teacher, school.Id, TableRole.Member), new(coop, granello.Id, TableRole.Member)]);
        var community = Table(db, pg, "Tavolo welfare di comunità",
            "Un benessere costruito con l'apporto di tutti: istituzioni, enti, operatori economici, terzo settore e famiglie. Mappa delle risorse del territorio e reti di vicinato.",
            now.AddMonths(-10),
            [new(coop, granello.Id, TableRole.Referent), new(officer.Id, portogruaro.Id, TableRole.Member), new(concordiaOfficer, concordia.Id, TableRole.Member),
             new(family.Id, null, TableRole.FamilyRepresentative)]);
        var conciliation = Table(db, pg, "Tavolo conciliazione famiglia-lavoro",
            "Armonizzare la programmazione territoriale con le politiche regionali di conciliazione: orari dei servizi, centri estivi, doposcuola.",
            now.AddMonths(-10),
            [new(officer.Id, portogruaro.Id, TableRole.Referent), new(teacher, school.Id, TableRole.Member), new(coach, swim.Id, TableRole.Member), new(concordiaOfficer, concordia.Id, TableRole.Member)]);
        var communication = Table(db, pg, "Tavolo comunicazione e piattaforma",
            "Far conoscere l'alleanza e le opportunità del territorio: la piattaforma digitale, il questionario alle famiglie tramite le scuole, gli eventi comuni.",
            now.AddMonths(-10),
            [new(coordinator.Id, null, TableRole.Referent), new(culture, lemene.Id, TableRole.Member), new(teacher, school.Id, TableRole.Member), new(referent.Id, referent.Partner, TableRole.Member)]);

        var first = Meeting(db, pg, parenting, protector, today.AddDays(-63), new TimeOnly(17, 30), new TimeOnly(19, 0), "Sala consiliare, Municipio di Portogruaro", null,
            "- Presentazione dei partecipanti\n- Bisogni emersi dal questionario alle famiglie\n- Proposte per il ciclo di incontri per neo-genitori",
            "## Presenti\nReferente, rappresentante delle famiglie, ULSS 4, Istituto Comprensivo.\n\n## Sintesi\nIl questionario mostra che le famiglie con figli sotto i 3 anni cercano **spazi di incontro** e informazioni su nidi e pediatria.\n\n## Decisioni\n- Ciclo di 4 incontri per neo-genitori in primavera, a rotazione nei Comuni.\n- L'ULSS 4 propone i temi sanitari (allattamento, sonno, vaccinazioni).",
            now, [referent.Id, family.Id, pediatrician, teacher]);
        var second = Meeting(db, pg, parenting, protector, today.AddDays(-21), new TimeOnly(17, 30), new TimeOnly(19, 0), "Biblioteca civica, Portogruaro", "https://meet.example.org/tavolo-genitorialita",
            "- Calendario degli incontri per neo-genitori\n- Sportello di ascolto nelle scuole",
            "## Sintesi\nCalendario approvato. Lo sportello di ascolto partirà nelle scuole primarie dopo le vacanze.\n\n## Prossimi passi\n- Locandina e pubblicazione nelle opportunità della rete.",
            now, [referent.Id, family.Id, coop]);
        Meeting(db, pg, parenting, protector, today.AddDays(12), new TimeOnly(17, 30), new TimeOnly(19, 0), "Sala consiliare, Municipio di Portogruaro", null,
            "- Bilancio dei primi incontri per neo-genitori\n- Proposte per l'estate", null, now, []);
        Meeting(db, pg, community, protector, today.AddDays(-35), new TimeOnly(18, 0), new TimeOnly(19, 30), "Sede della Cooperativa Il Granello, Concordia Sagittaria", null,
            "- Mappa delle risorse di vicinato", "## Sintesi\nRaccolte le prime 20 risorse di vicinato (doposcuola, banco alimentare, trasporti solidali).", now, [coop, officer.Id, concordiaOfficer]);
        Meeting(db, pg, conciliation, protector, today.AddDays(-14), new TimeOnly(16, 0), new TimeOnly(17, 30), null, "https://meet.example.org/conciliazione",
            "- Orari dei centri estivi", "## Sintesi\nI Comuni allineano le date dei centri estivi; l'ASD Nuoto offre turni fino alle 18.", now, [officer.Id, coach, teacher]);
        Meeting(db, pg, communication, protector, today.AddDays(20), new TimeOnly(18, 0), new TimeOnly(19, 0), "Municipio di Portogruaro, sala giunta", null,
            "- Risultati del questionario alle famiglie\n- Piano di comunicazione", null, now, []);

        Action(db, pg, parenting, first, TableActionKind.Decision, "Ciclo di 4 incontri per neo-genitori in primavera", null, null, null, null, TableActionStatus.Done, now);
        Action(db, pg, parenting, first, TableActionKind.Action, "Proporre i temi sanitari degli incontri", "Allattamento, sonno, vaccinazioni: con le date dei pediatri disponibili.", pediatrician, ulss.Id, today.AddDays(-30), TableActionStatus.Done, now);
        Action(db, pg, parenting, second, TableActionKind.Action, "Pubblicare il calendario nelle opportunità della rete", null, referent.Id, referent.Partner, today.AddDays(-3), TableActionStatus.Open, now);
        Action(db, pg, parenting, second, TableActionKind.Action, "Organizzare lo sportello di ascolto nelle scuole primarie", null, teacher, school.Id, today.AddDays(40), TableActionStatus.InProgress, now);
        Action(db, pg, community, null, TableActionKind.Action, "Completare la mappa delle risorse di vicinato", null, coop, granello.Id, today.AddDays(25), TableActionStatus.InProgress, now);
        Action(db, pg, conciliation, null, TableActionKind.Action, "Raccogliere gli orari dei centri estivi di tutti i Comuni", null, officer.Id, portogruaro.Id, today.AddDays(-7), TableActionStatus.Open, now);

        var pdf = MinimalPdf("Verbale del tavolo genitorialita - primo incontro");
        db.TableDocuments.Add(new TableDocument
        {
            Id = Guid.NewGuid(), NetworkId = pg.Id, TableId = parenting.Id, MeetingId = first.Id, FileName = "verbale-primo-incontro.pdf", ContentType = "application/pdf",
            Size = pdf.Length, Content = pdf, UploadedByUserId = referent.Id, UploadedAt = now.AddDays(-60),
        });

        // Brianza: the intercommunal table (since 12 November 2015) and the table of families.
        var br = networks["brianza"];
        var brCoordinator = await Account("coordinatore@brianza.demo", br.Id);
        var seveso = P("brianza", "Comune di Seveso");
        var brugherio = P("brianza", "Comune di Brugherio");
        var giussano = P("brianza", "Comune di Giussano");
        var families = P("brianza", "Associazione Famiglie in Rete Brianza");
        var gaf = P("brianza", "Gruppo di Acquisto Familiare Seveso");
        var sevesoAssessor = Staff(br, seveso, "Valeria", "Meroni");
        var brugherioAssessor = Staff(br, brugherio, "Luca", "Sala");
        var giussanoOfficer = Staff(br, giussano, "Marta", "Cazzaniga");
        var familiesRep = Staff(br, families, "Daniele", "Villa");
        var gafRep = Staff(br, gaf, "Cristina", "Galli");
        var intercommunal = Table(db, br, "Tavolo intercomunale della Rete dei Comuni amici della famiglia",
            "Strumento di elaborazione delle politiche con le famiglie, di programmazione e attivazione di progetti innovativi a favore dell'associazionismo familiare. Sindaci, assessori e responsabili degli uffici dei sette Comuni.",
            now.AddYears(-1),
            [new(brCoordinator.Id, null, TableRole.Referent), new(sevesoAssessor, seveso.Id, TableRole.Member), new(brugherioAssessor, brugherio.Id, TableRole.Member),
             new(giussanoOfficer, giussano.Id, TableRole.Member), new(familiesRep, families.Id, TableRole.FamilyRepresentative)]);
        var familiesTable = Table(db, br, "Tavolo delle famiglie in rete",
            "Programmazione, reperimento dei finanziamenti per le politiche familiari, co-progettazione delle buone pratiche da realizzare nella comunità.",
            now.AddYears(-1),
            [new(familiesRep, families.Id, TableRole.Referent), new(gafRep, gaf.Id, TableRole.FamilyRepresentative), new(brCoordinator.Id, null, TableRole.Member)]);
        var brMeeting = Meeting(db, br, intercommunal, protector, today.AddDays(-28), new TimeOnly(18, 0), new TimeOnly(20, 0), "Municipio di Seveso, sala consiliare", null,
            "- Family Card: adesioni degli esercenti\n- Programma condiviso delle attività", "## Sintesi\nOgni Comune raccoglie le adesioni degli esercenti entro fine mese.", now,
            [brCoordinator.Id, sevesoAssessor, brugherioAssessor, familiesRep]);
        Meeting(db, br, familiesTable, protector, today.AddDays(15), new TimeOnly(20, 45), new TimeOnly(22, 0), null, "https://meet.example.org/famiglie-brianza",
            "- Bando regionale per le politiche familiari\n- Gruppi di acquisto familiare", null, now, []);
        Action(db, br, intercommunal, brMeeting, TableActionKind.Action, "Raccogliere le adesioni degli esercenti alla Family Card", null, sevesoAssessor, seveso.Id, today.AddDays(5), TableActionStatus.InProgress, now);
        await db.SaveChangesAsync();
    }

    static WorkingTable Table(AppDbContext db, AllianceNetwork network, string name, string purpose, DateTime created, Seat[] seats)
    {
        var table = new WorkingTable { Id = Guid.NewGuid(), NetworkId = network.Id, Name = name, Purpose = purpose, CreatedAt = created, UpdatedAt = created };
        db.WorkingTables.Add(table);
        foreach (var s in seats)
            db.TableMembers.Add(new TableMember { Id = Guid.NewGuid(), TableId = table.Id, UserId = s.UserId, PartnerId = s.PartnerId, Role = s.Role, AddedAt = created });
        return table;
    }

    static TableMeeting Meeting(AppDbContext db, AllianceNetwork network, WorkingTable table, IDataProtector protector, DateOnly day, TimeOnly start, TimeOnly end,
        string? place, string? online, string agenda, string? minutes, DateTime now, Guid[] present)
    {
        var (hash, sealedCode) = TableMeetings.NewSignInCode(protector);
        var startsAt = RomeTime.FromRome(day, start);
        var meeting = new TableMeeting
        {
            Id = Guid.NewGuid(), NetworkId = network.Id, TableId = table.Id, StartsAt = startsAt, EndsAt = RomeTime.FromRome(day, end), Place = place, OnlineUrl = online,
            Agenda = agenda, Minutes = minutes, SignInCodeHash = hash, SignInCodeSealed = sealedCode,
            CreatedAt = startsAt < now ? startsAt.AddDays(-14) : now, UpdatedAt = startsAt < now ? startsAt.AddDays(1) : now,
        };
        db.TableMeetings.Add(meeting);
        for (var i = 0; i < present.Length; i++)
            db.MeetingAttendances.Add(new MeetingAttendance { MeetingId = meeting.Id, UserId = present[i], At = startsAt.AddMinutes(i), Method = i % 2 == 0 ? AttendanceMethod.Qr : AttendanceMethod.Referent });
        return meeting;
    }

    static void Action(AppDbContext db, AllianceNetwork network, WorkingTable table, TableMeeting? meeting, TableActionKind kind, string title, string? details,
        Guid? owner, Guid? partner, DateOnly? due, TableActionStatus status, DateTime now) =>
        db.TableActions.Add(new TableAction
        {
            Id = Guid.NewGuid(), NetworkId = network.Id, TableId = table.Id, MeetingId = meeting?.Id, Kind = kind, Title = title, Details = details,
            OwnerUserId = owner, OwnerPartnerId = partner, DueDate = due, Status = status, CreatedAt = meeting?.StartsAt ?? now.AddDays(-20), UpdatedAt = now.AddDays(-2),
        });

    /// <summary>A one-page PDF with a line of text (ASCII), with a correct cross-reference table.</summary>
    public static byte[] MinimalPdf(string text)
    {
        var content = $"BT /F1 14 Tf 60 760 Td ({text.Replace("\\", "\\\\").Replace("(", "\\(").Replace(")", "\\)")}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var sb = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(sb.Length);
            sb.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = sb.Length;
        sb.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) sb.Append($"{o:D10} 00000 n \n");
        sb.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }
}
