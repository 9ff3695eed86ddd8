using Alleanza.Web.Modules.Families;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Modules.Support;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Bogus;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Demo;

/// <summary>
/// Pavia's support paths (Fare #BeneComune): 800 families registered by operators of three organisations, in paths in every
/// state — just opened, plan waiting for approval or sent back, plan approved with sessions and appointments, closure
/// requested, closed with an outcome. operatore@ and volontario@pavia.demo work in the Consorzio Sociale Pavese, whose
/// supervisor is supervisore@pavia.demo. Rows are added in bulk with change tracking off, so the demo still starts quickly.
/// <c>Demo:SupportScale</c> (default 1) multiplies families and staff for the bench (<c>bench/run --dataset pavia10</c>):
/// ×10 is 8,000 paths with a session every ten days and a month of the access log at 5,000 reads a day, while the demo
/// operator keeps her caseload of about 45 families.
/// </summary>
public static class DemoSupport
{
    public const int Families = 800;
    public const string OperatorsPartner = "Consorzio Sociale Pavese";
    static readonly string[] OtherPartners = ["ACLI Pavia", "ALDIA cooperativa sociale"];

    static readonly string[] Places = ["Sede del Consorzio, via Roma 12", "A casa della famiglia", "Laboratorio di comunità Pavia Ovest", "Laboratorio di comunità Borgo Ticino", "Consultorio familiare", "Scuola primaria Carducci"];
    static readonly string[] Objectives =
    [
        "Ritrovare un dialogo sereno tra genitori e figli", "Organizzare la settimana con orari e compiti condivisi", "Trovare un lavoro o un corso di formazione",
        "Seguire con regolarità i compiti dei figli", "Conoscere e usare i servizi del quartiere", "Prendersi del tempo per sé ogni settimana",
        "Gestire il bilancio familiare mese per mese", "Partecipare a un'attività del laboratorio di comunità", "Ridurre i litigi durante i pasti",
    ];
    static readonly string[] FollowUps = ["Telefonare per fissare il colloquio", "Verificare l'iscrizione al doposcuola", "Accompagnare al colloquio con la scuola", "Portare i moduli per il contributo affitto", "Verifica a tre mesi"];
    static readonly string[] Notes =
    [
        "Colloquio sereno, la madre racconta di una settimana più tranquilla.", "Il padre fatica a partecipare agli incontri per gli orari di lavoro.",
        "Concordato con la famiglia di provare un pomeriggio al laboratorio.", "Segnalata dalla scuola una frequenza irregolare del figlio maggiore.",
        "Emersa una situazione economica più difficile del previsto: valutare il contributo del Comune.",
    ];

    public static async Task AddAsync(AppDbContext db, AllianceNetwork pavia, IReadOnlyList<Partner> partners, IDataProtectionProvider protection, Faker faker, DateTime now, int times = 1)
    {
        times = Math.Clamp(times, 1, 50);
        var sessionEveryDays = times == 1 ? 21 : 10;
        var text = new CaseText(protection);
        var today = RomeTime.Today(TimeProvider.System);
        var comune = pavia.Comuni[0];
        var orgs = new[] { OperatorsPartner }.Concat(OtherPartners).Select(n => partners.First(p => p.Name == n)).ToList();
        var demoOperator = await db.Users.Where(u => u.Email == "operatore@pavia.demo").Select(u => u.Id).FirstAsync();
        var demoVolunteer = await db.Users.Where(u => u.Email == "volontario@pavia.demo").Select(u => u.Id).FirstAsync();

        // More operators (without a password: they are names on the paths, not demo accounts), supervisors and volunteers.
        var operatorsByOrg = orgs.ToDictionary(o => o.Id, _ => new List<(Guid Id, string Name)>());
        var volunteersByOrg = orgs.ToDictionary(o => o.Id, _ => new List<Guid>());
        operatorsByOrg[orgs[0].Id].Add((demoOperator, "Sara Bianchi"));
        volunteersByOrg[orgs[0].Id].Add(demoVolunteer);
        var staff = new List<AppUser>();
        void Person(Partner org, NetworkRole role, int n)
        {
            for (var i = 0; i < n; i++)
            {
                var name = $"{faker.Name.FirstName()} {faker.Name.LastName()}";
                var id = Guid.NewGuid();
                var email = $"{Text.Slug(name)}.{staff.Count}@{Text.Slug(org.Name).Replace("-", "")}.demo";
                staff.Add(new AppUser { Id = id, UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(),
                    EmailConfirmed = true, DisplayName = name, CreatedAt = now, SecurityStamp = Guid.NewGuid().ToString("N") });
                db.Memberships.Add(new Membership { Id = Guid.NewGuid(), UserId = id, NetworkId = pavia.Id, Role = role, PartnerId = org.Id, CreatedAt = now });
                if (role == NetworkRole.SocialOperator) operatorsByOrg[org.Id].Add((id, name));
                if (role == NetworkRole.Volunteer) volunteersByOrg[org.Id].Add(id);
            }
        }
        Person(orgs[0], NetworkRole.SocialOperator, 6 * times); Person(orgs[0], NetworkRole.Volunteer, 8 * times);
        Person(orgs[1], NetworkRole.SocialOperator, 5 * times); Person(orgs[1], NetworkRole.SupportSupervisor, times); Person(orgs[1], NetworkRole.Volunteer, 5 * times);
        Person(orgs[2], NetworkRole.SocialOperator, 4 * times); Person(orgs[2], NetworkRole.SupportSupervisor, times); Person(orgs[2], NetworkRole.Volunteer, 4 * times);
        db.Users.AddRange(staff);
        db.SupportSettings.Add(new SupportSettings { NetworkId = pavia.Id, UpdatedAt = now });
        var needs = new SupportSettings().NeedList();
        var scale = new SupportSettings().Domains();
        var opportunities = await db.Opportunities.Where(o => o.NetworkId == pavia.Id).Select(o => o.Id).Take(40).ToListAsync();

        var readers = new List<(Guid CaseId, Guid UserId, string Name)>();
        for (var f = 0; f < Families * times; f++)
        {
            var org = f % 10 < 5 ? orgs[0] : f % 10 < 8 ? orgs[1] : orgs[2];
            var operators = operatorsByOrg[org.Id];
            // The demo operator has a caseload of about 45 families.
            var lead = org == orgs[0] && f % (9 * times) == 0 ? operators[0] : operators[1 + f % (operators.Count - 1)];
            var opened = now.AddDays(-faker.Random.Int(3, 700));
            var last = faker.Name.LastName();
            var household = new Household { Id = Guid.NewGuid(), NetworkId = pavia.Id, RegisteredByUserId = lead.Id, RegisteredByPartnerId = org.Id, ComuneId = comune.Id, CreatedAt = opened, UpdatedAt = opened };
            db.Households.Add(household);
            db.HouseholdMembers.Add(new HouseholdMember { Id = Guid.NewGuid(), HouseholdId = household.Id, Role = MemberRole.Adult, FirstName = faker.Name.FirstName(), LastName = last,
                BirthDate = today.AddYears(-faker.Random.Int(24, 52)).AddDays(-faker.Random.Int(0, 364)) });
            if (faker.Random.Bool(0.55f))
                db.HouseholdMembers.Add(new HouseholdMember { Id = Guid.NewGuid(), HouseholdId = household.Id, Role = MemberRole.Adult, FirstName = faker.Name.FirstName(), LastName = last,
                    BirthDate = today.AddYears(-faker.Random.Int(24, 55)).AddDays(-faker.Random.Int(0, 364)) });
            for (var c = faker.Random.Int(1, 3); c > 0; c--)
                db.HouseholdMembers.Add(new HouseholdMember { Id = Guid.NewGuid(), HouseholdId = household.Id, Role = MemberRole.Child, FirstName = faker.Name.FirstName(), LastName = last,
                    BirthDate = today.AddYears(-faker.Random.Int(0, 17)).AddDays(-faker.Random.Int(0, 364)) });

            // Every state: recent paths are still being planned, older ones run or are closed.
            var age = (now - opened).TotalDays;
            var roll = faker.Random.Int(0, 99);
            var (status, plan) = age < 30 ? (CaseStatus.Open, roll < 60 ? PlanStatus.Draft : PlanStatus.Requested)
                : roll < 55 ? (CaseStatus.Open, PlanStatus.Approved) : roll < 62 ? (CaseStatus.Open, PlanStatus.Requested) : roll < 67 ? (CaseStatus.Open, PlanStatus.Rejected)
                : roll < 73 ? (CaseStatus.ClosureRequested, PlanStatus.Approved) : age > 120 ? (CaseStatus.Closed, PlanStatus.Approved) : (CaseStatus.Open, PlanStatus.Approved);
            var consent = org != orgs[0] || faker.Random.Bool(0.3f);
            var closedAt = status == CaseStatus.Closed ? opened.AddDays(faker.Random.Int(90, Math.Max(91, (int)age - 1))) : (DateTime?)null;
            var sc = new SupportCase
            {
                Id = Guid.NewGuid(), NetworkId = pavia.Id, PartnerId = org.Id, HouseholdId = household.Id, ComuneId = comune.Id,
                ReferralSource = faker.PickRandom<ReferralSource>(), Needs = string.Join("\n", faker.PickRandom(needs, faker.Random.Int(1, 3))),
                NeedsDetailProtected = text.Protect(faker.PickRandom(Notes)), LegalBasis = consent ? LegalBasis.ExplicitConsent : LegalBasis.PublicSocialService,
                ConsentNoticeVersion = consent ? new SupportSettings().NoticeVersion : null, ConsentAt = consent ? opened : null,
                ConsentCollectedByUserId = consent ? lead.Id : null, ConsentCollectedByName = consent ? lead.Name : null,
                Status = status, PlanStatus = plan, PlanApprovedAt = plan == PlanStatus.Approved ? opened.AddDays(faker.Random.Int(10, 40)) : null,
                PlanComment = plan == PlanStatus.Rejected ? "Gli obiettivi sono troppo generici: rendiamoli misurabili con la famiglia." : null,
                Outcome = status == CaseStatus.Open ? null : faker.PickRandom<CaseOutcome>(), ClosedAt = closedAt,
                OpenedAt = opened, OpenedByUserId = lead.Id, UpdatedAt = closedAt ?? opened,
            };
            db.SupportCases.Add(sc);
            db.CaseMembers.Add(new CaseMember { CaseId = sc.Id, UserId = lead.Id, Role = CaseMemberRole.Operator, AddedAt = opened });
            var volunteers = volunteersByOrg[org.Id];
            Guid? volunteer = faker.Random.Bool(0.35f) ? (org == orgs[0] && f % (4 * times) == 0 ? demoVolunteer : faker.PickRandom(volunteers)) : null;
            if (volunteer is Guid v) db.CaseMembers.Add(new CaseMember { CaseId = sc.Id, UserId = v, Role = CaseMemberRole.Volunteer, AddedAt = opened.AddDays(7) });
            db.CaseEvents.Add(new CaseEvent { CaseId = sc.Id, At = opened, Who = lead.Name, What = "Percorso aperto." });

            var end = closedAt ?? now;
            foreach (var title in faker.PickRandom(Objectives, faker.Random.Int(2, 3)))
            {
                var due = DateOnly.FromDateTime(opened.AddDays(faker.Random.Int(60, 240)));
                db.CaseObjectives.Add(new CaseObjective { Id = Guid.NewGuid(), CaseId = sc.Id, Title = title, DueDate = due, CreatedAt = opened.AddDays(5),
                    AchievedAt = due < today && faker.Random.Bool(status == CaseStatus.Open ? 0.5f : 0.8f) ? RomeTime.FromRome(due, new TimeOnly(12, 0)) : null });
            }
            // The initial assessment (T0) on the network's scale, a review for running paths, a final one for closed paths:
            // most families improve a little, some do not.
            var t0 = scale.Select(d => faker.Random.Int(1, Math.Max(1, d.Points.Count - 2)) is var r && d.HigherIsBetter ? r : d.Points.Count + 1 - r).ToArray();
            Assess(db, sc.Id, AssessmentKind.Initial, DateOnly.FromDateTime(opened.AddDays(3)), lead, scale, t0, now);
            if (plan == PlanStatus.Approved && age > 90)
            {
                var later = t0.Select((p, i) => Math.Clamp(p + (scale[i].HigherIsBetter ? 1 : -1) * faker.Random.WeightedRandom([-1, 0, 1, 2], [0.15f, 0.35f, 0.35f, 0.15f]), 1, scale[i].Points.Count)).ToArray();
                Assess(db, sc.Id, status == CaseStatus.Closed ? AssessmentKind.Final : AssessmentKind.Review,
                    DateOnly.FromDateTime((closedAt ?? now).AddDays(-faker.Random.Int(1, 20))), lead, scale, later, now);
            }
            if (plan != PlanStatus.Draft)
            {
                var sessions = (int)Math.Min(14 * 21 / sessionEveryDays, (end - opened).TotalDays / sessionEveryDays) + 1;
                for (var s = 0; s < sessions; s++)
                {
                    var at = RomeTime.FromRome(DateOnly.FromDateTime(opened.AddDays(7 + s * sessionEveryDays + faker.Random.Int(0, 5))), new TimeOnly(faker.Random.Int(9, 18), faker.PickRandom(0, 30)));
                    if (at > end) break;
                    var kind = faker.PickRandom<InterventionKind>();
                    db.CaseSessions.Add(new CaseSession
                    {
                        Id = Guid.NewGuid(), CaseId = sc.Id, Kind = kind, StartsAt = at, Minutes = faker.PickRandom(45, 60, 90), Place = faker.PickRandom(Places),
                        Participants = volunteer is null ? "famiglia, operatore" : "famiglia, operatore, volontario", NoteProtected = s % 3 == 0 ? text.Protect(faker.PickRandom(Notes)) : null,
                        OpportunityId = kind == InterventionKind.Orientation && opportunities.Count > 0 ? faker.PickRandom(opportunities) : null, RecordedByUserId = lead.Id, CreatedAt = at,
                    });
                }
                if (status == CaseStatus.Open)
                    db.CaseSessions.Add(new CaseSession
                    {
                        Id = Guid.NewGuid(), CaseId = sc.Id, Kind = faker.PickRandom<InterventionKind>(), Minutes = 60, Place = faker.PickRandom(Places),
                        StartsAt = RomeTime.FromRome(today.AddDays(faker.Random.Int(1, 20)), new TimeOnly(faker.Random.Int(9, 18), 0)),
                        Participants = volunteer is null ? "famiglia, operatore" : "famiglia, operatore, volontario", RecordedByUserId = lead.Id, CreatedAt = now,
                    });
                db.CaseEvents.Add(new CaseEvent { CaseId = sc.Id, At = opened.AddDays(9), Who = lead.Name, What = "Piano inviato al supervisore per l'approvazione." });
            }
            if (status != CaseStatus.Closed)
                for (var u = faker.Random.Int(1, 2); u > 0; u--)
                    db.CaseFollowUps.Add(new CaseFollowUp { Id = Guid.NewGuid(), CaseId = sc.Id, Title = faker.PickRandom(FollowUps), DueDate = today.AddDays(faker.Random.Int(-20, 30)),
                        AssignedUserId = volunteer is Guid who && u == 1 ? who : lead.Id, CreatedAt = opened.AddDays(3) });
            db.CaseNotes.Add(new CaseNote { Id = Guid.NewGuid(), CaseId = sc.Id, AuthorUserId = lead.Id, AuthorName = lead.Name, At = opened.AddDays(1),
                Confidential = f % 7 == 0, TextProtected = text.Protect(faker.PickRandom(Notes))! });
            if (status == CaseStatus.Closed)
                db.CaseEvents.Add(new CaseEvent { CaseId = sc.Id, At = closedAt!.Value, Who = "Supervisore", What = "Chiusura approvata: percorso chiuso." });
            db.CaseAccesses.Add(new CaseAccess { CaseId = sc.Id, NetworkId = pavia.Id, UserId = lead.Id, UserName = lead.Name, Role = "Operatore", At = end.AddDays(-1),
                Sections = "sintesi, bisogni, squadra, piano, incontri, attività, note, storia" });
            if (times > 1 && status != CaseStatus.Closed) readers.Add((sc.Id, lead.Id, lead.Name));
            // Saved in blocks of a demo's worth of families, so ×10 does not hold everything in the change tracker.
            if ((f + 1) % Families == 0) await SaveBlockAsync(db);
        }
        // At scale, a month of the access log at 5,000 reads a day by the paths' operators (the demo has one read per path).
        if (times > 1 && readers.Count > 0)
            for (var day = 1; day <= 30; day++)
            {
                for (var r = 0; r < 500 * times; r++)
                {
                    var (caseId, userId, name) = faker.PickRandom(readers);
                    db.CaseAccesses.Add(new CaseAccess { CaseId = caseId, NetworkId = pavia.Id, UserId = userId, UserName = name, Role = "Operatore",
                        At = now.AddDays(-day).AddSeconds(faker.Random.Int(8 * 3600, 19 * 3600) - 12 * 3600), Sections = "sintesi, piano, incontri" });
                }
                await SaveBlockAsync(db);
            }
        await SaveBlockAsync(db);
    }

    static async Task SaveBlockAsync(AppDbContext db)
    {
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    static void Assess(AppDbContext db, Guid caseId, AssessmentKind kind, DateOnly date, (Guid Id, string Name) by, IReadOnlyList<AssessmentDomain> scale, int[] points, DateTime now)
    {
        var id = Guid.NewGuid();
        db.CaseAssessments.Add(new CaseAssessment { Id = id, CaseId = caseId, Kind = kind, Date = date, ByUserId = by.Id, ByName = by.Name, CreatedAt = now });
        for (var i = 0; i < scale.Count; i++)
            db.AssessmentScores.Add(new AssessmentScore { AssessmentId = id, Domain = scale[i].Name, Point = points[i], Max = scale[i].Points.Count, HigherIsBetter = scale[i].HigherIsBetter });
    }
}
