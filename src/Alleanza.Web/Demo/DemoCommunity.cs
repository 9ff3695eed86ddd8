using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Modules.Support.Labs;
using Alleanza.Web.Modules.Support.Training;
using Alleanza.Web.Modules.Support.Volunteers;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Bogus;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Demo;

/// <summary>
/// Pavia's «Fare #BeneComune» (seed 004): 10 community labs with a year of sessions, attendance and listening-point contacts;
/// 60 social operators and 120 volunteers with their courses, attendance and certificates; the volunteer registry with
/// checks, assignments and a year of hours. Written in bulk, in one save.
/// </summary>
public static class DemoCommunity
{
    sealed record LabSeed(string Place, string Partner, string Address, double Lat, double Lon, string Hours, bool Children, string[] Themes, DayOfWeek Day = DayOfWeek.Monday, int Hour = 15);

    static readonly LabSeed[] Labs =
    [
        new("Pavia Ovest", "Consorzio Sociale Pavese", "Via dei Mille 112", 45.1862, 9.1389, "lunedì e giovedì 15–19", false,
            ["Caffè delle famiglie", "Sportello casa e bollette", "Cena condivisa", "Gruppo di parola per genitori"], DayOfWeek.Monday, 15),
        new("Scala", "ACLI Pavia", "Via Scala 21", 45.1967, 9.1672, "mercoledì 17–21", false, ["Cucina insieme", "Orto di quartiere", "Riparo e riuso"], DayOfWeek.Wednesday, 18),
        new("Pavia Est", "Babele Onlus", "Viale Partigiani 43", 45.1851, 9.1794, "dal lunedì al giovedì 14.30–17", true, ["Compiti e merenda", "Italiano per mamme", "Giochi in cortile"], DayOfWeek.Tuesday, 15),
        new("Fossarmato", "Comune di Pavia", "Via Fossarmato 8", 45.1566, 9.1911, "sabato 10–13", true, ["Feste di quartiere", "Laboratorio creativo per bambini", "Merenda dei nonni"], DayOfWeek.Saturday, 10),
        new("Crosione", "ALDIA cooperativa sociale", "Via Piave 9", 45.1938, 9.1448, "martedì 16–19", false, ["Sportello lavoro", "Curriculum e colloqui", "Gruppo mamme"], DayOfWeek.Tuesday, 16),
        new("Vallone", "Progetto Con-tatto", "Via Vigentina 60", 45.1780, 9.1664, "venerdì 15–18", true, ["Spazio adolescenti", "Musica insieme", "Cineforum per famiglie"], DayOfWeek.Friday, 15),
        new("San Pietro in Verzolo", "Fondazione Costantino", "Piazzale San Pietro in Verzolo 2", 45.1889, 9.1705, "martedì e venerdì 9.30–12", false, ["Benessere e cura di sé", "Ginnastica dolce", "Ascolto e tè"], DayOfWeek.Tuesday, 9),
        new("Borgo Ticino", "CSV Lombardia Sud", "Via dei Mulini 5", 45.1798, 9.1559, "giovedì 17–20", false, ["Banco dello scambio", "Riparazioni di biciclette", "Passeggiata sul Ticino"], DayOfWeek.Thursday, 17),
        new("Città Giardino", "Centro Servizi Formazione", "Via Ludovico il Moro 18", 45.2011, 9.1543, "lunedì 9–12", false, ["Computer e SPID", "Documenti e servizi online", "Corso di cucito"], DayOfWeek.Monday, 9),
        new("Mirabello", "Oratorio del Carmine", "Via Mirabello 30", 45.2152, 9.1502, "mercoledì e sabato 15–18", true, ["Oratorio aperto", "Sport in cortile", "Laboratorio di lettura"], DayOfWeek.Wednesday, 15),
    ];

    static readonly string[] Notes = ["consultorio familiare", "sportello ISEE delle ACLI", "servizi sociali del Comune", "centro per l'impiego", "percorso di tutoring familiare",
        "doposcuola di Babele", "mediazione familiare", "Caritas", "sportello casa", "spazio gioco 0–3"];

    public static async Task AddAsync(AppDbContext db, AllianceNetwork pavia, IReadOnlyList<Partner> partners, Faker faker, DateTime now)
    {
        var today = DateOnly.FromDateTime(now.ToRome());
        var partnerByName = partners.ToDictionary(p => p.Name);
        Partner P(string name) => partnerByName.TryGetValue(name, out var p) ? p : partners[0];
        var thirdSector = partners.Where(p => p.Kind == PartnerKind.ThirdSector).ToList();

        // The demo operator and volunteer work for an organisation.
        var operatorId = await db.Users.Where(u => u.Email == "operatore@pavia.demo").Select(u => u.Id).FirstAsync();
        var volunteerId = await db.Users.Where(u => u.Email == "volontario@pavia.demo").Select(u => u.Id).FirstAsync();
        await db.Memberships.Where(m => m.UserId == operatorId && m.NetworkId == pavia.Id && m.Role == NetworkRole.SocialOperator && m.PartnerId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.PartnerId, P("Consorzio Sociale Pavese").Id));
        await db.Memberships.Where(m => m.UserId == volunteerId && m.NetworkId == pavia.Id && m.Role == NetworkRole.Volunteer && m.PartnerId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.PartnerId, P("CSV Lombardia Sud").Id));

        // 60 operators and 120 volunteers in all (accounts without a password: they cannot sign in).
        var operators = new List<Guid> { operatorId };
        operators.AddRange(await db.Memberships.Where(m => m.NetworkId == pavia.Id && m.Role == NetworkRole.SocialOperator && m.UserId != operatorId).Select(m => m.UserId).ToListAsync());
        var volunteers = new List<Guid> { volunteerId };
        volunteers.AddRange(await db.Memberships.Where(m => m.NetworkId == pavia.Id && m.Role == NetworkRole.Volunteer && m.UserId != volunteerId).Select(m => m.UserId).ToListAsync());
        var names = new Dictionary<Guid, string>();
        Guid NewPerson(string kind, int n, NetworkRole role, Guid partner)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var email = $"{kind}{n:000}.pavia@esempio.demo";
            var user = new AppUser
            {
                Id = Guid.NewGuid(), UserName = email, Email = email, NormalizedUserName = email.ToUpperInvariant(), NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true, DisplayName = $"{first} {last}", SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = now.AddDays(-400),
            };
            db.Users.Add(user);
            db.Memberships.Add(new Membership { Id = Guid.NewGuid(), UserId = user.Id, NetworkId = pavia.Id, Role = role, PartnerId = partner, CreatedAt = now.AddDays(-400) });
            names[user.Id] = user.DisplayName;
            return user.Id;
        }
        for (var i = operators.Count; i < 60; i++) operators.Add(NewPerson("operatore", i, NetworkRole.SocialOperator, faker.PickRandom(thirdSector).Id));
        for (var i = volunteers.Count; i < 120; i++) volunteers.Add(NewPerson("volontario", i, NetworkRole.Volunteer, faker.PickRandom(thirdSector).Id));

        db.CommunitySettings.Add(new CommunitySettings { NetworkId = pavia.Id, UpdatedAt = now });

        // The registry: most checks valid, some expiring, some expired, a few missing.
        for (var i = 0; i < volunteers.Count; i++)
        {
            DateOnly? clearance = i switch
            {
                0 => today.AddMonths(-3),                                  // volontario@: valid
                < 100 => today.AddDays(-faker.Random.Int(30, 320)),        // valid
                < 108 => today.AddDays(-faker.Random.Int(340, 360)),       // expiring within 30 days
                < 114 => today.AddDays(-faker.Random.Int(380, 500)),       // expired
                _ => null,                                                  // missing
            };
            db.VolunteerProfiles.Add(new VolunteerProfile
            {
                Id = Guid.NewGuid(), NetworkId = pavia.Id, UserId = volunteers[i], ClearanceDate = clearance, InsuredUntil = new DateOnly(today.Year, 12, 31),
                Skills = faker.PickRandom("aiuto compiti", "cucina", "accompagnamento e trasporto", "animazione con i bambini", "lingua araba e francese", "sportello e pratiche online", "orto e manutenzioni"),
                Availability = faker.PickRandom("lunedì pomeriggio", "mercoledì e venerdì pomeriggio", "sabato mattina", "sere infrasettimanali", "due pomeriggi alla settimana"),
                CreatedAt = now.AddDays(-400), UpdatedAt = now.AddDays(-30),
            });
        }

        // Labs, facilitators, a year of weekly sessions and a month ahead.
        var opportunities = await db.Opportunities.AsNoTracking().Where(o => o.NetworkId == pavia.Id && o.Title.StartsWith("Laboratorio di comunità di "))
            .Select(o => new { o.Id, o.Title, o.PartnerId }).ToListAsync();
        var families = await db.Households.AsNoTracking().Where(h => h.NetworkId == pavia.Id && h.OwnerUserId != null).Select(h => h.OwnerUserId!.Value).ToListAsync();
        var labIds = new List<Guid>();
        var labTopics = CommunitySettings.DefaultTopics.Split('\n');
        var validVolunteers = volunteers.Take(100).ToList();
        for (var l = 0; l < Labs.Length; l++)
        {
            var seed = Labs[l];
            var partner = P(seed.Partner);
            var opportunity = opportunities.FirstOrDefault(o => o.PartnerId == partner.Id && o.Title.StartsWith($"Laboratorio di comunità di {seed.Place}"));
            var lab = new CommunityLab
            {
                Id = Guid.NewGuid(), NetworkId = pavia.Id, PartnerId = partner.Id, Name = $"Laboratorio di comunità di {seed.Place}",
                Description = $"Punto di ascolto e di incontro del quartiere {seed.Place}: famiglie e abitanti si incontrano, si aiutano e organizzano iniziative insieme. Temi ricorrenti: {string.Join(", ", seed.Themes).ToLowerInvariant()}.",
                Address = seed.Address, ComuneId = pavia.Comuni[0].Id, Latitude = seed.Lat, Longitude = seed.Lon, OpeningHours = seed.Hours, WithChildren = seed.Children,
                OpportunityId = opportunity?.Id, CreatedAt = now.AddDays(-380), UpdatedAt = now.AddDays(-380),
            };
            db.CommunityLabs.Add(lab);
            labIds.Add(lab.Id);

            var facilitators = new HashSet<Guid>();
            if (l is 0 or 2) facilitators.Add(operatorId);
            if (l is 2 or 7) facilitators.Add(volunteerId);
            facilitators.Add(operators[1 + l * 2]);
            facilitators.Add(operators[2 + l * 2]);
            foreach (var v in faker.PickRandom(validVolunteers.Skip(1), 3)) facilitators.Add(v);
            foreach (var f in facilitators)
                db.LabFacilitators.Add(new LabFacilitator { LabId = lab.Id, UserId = f, IsVolunteer = !operators.Contains(f), AddedAt = now.AddDays(-370) });

            var firstDay = today.AddDays(-364);
            while (firstDay.DayOfWeek != seed.Day) firstDay = firstDay.AddDays(1);
            for (var day = firstDay; day <= today.AddDays(28); day = day.AddDays(7))
            {
                var startHour = seed.Hour;
                var session = new LabSession
                {
                    Id = Guid.NewGuid(), NetworkId = pavia.Id, LabId = lab.Id, StartsAt = RomeTime.FromRome(day, new TimeOnly(startHour, 0)),
                    EndsAt = RomeTime.FromRome(day, new TimeOnly(startHour + 2, 30)), Theme = faker.PickRandom(seed.Themes), CreatedAt = now.AddDays(-370), UpdatedAt = now.AddDays(-370),
                };
                if (session.StartsAt <= now)
                {
                    session.AdultsNew = faker.Random.Int(0, 4);
                    session.AdultsReturning = faker.Random.Int(3, 14);
                    session.ChildrenNew = seed.Children ? faker.Random.Int(0, 4) : faker.Random.Int(0, 1);
                    session.ChildrenReturning = seed.Children ? faker.Random.Int(4, 16) : faker.Random.Int(0, 3);
                    foreach (var family in faker.PickRandom(families, Math.Min(families.Count, faker.Random.Int(0, 3))))
                        db.LabAttendances.Add(new LabAttendance { SessionId = session.Id, UserId = family, AddedAt = session.EndsAt });
                }
                else if (lab.OpportunityId is { } o && session.StartsAt > now.AddDays(1))
                {
                    var date = new OpportunitySession { Id = Guid.NewGuid(), OpportunityId = o, StartsAt = session.StartsAt, EndsAt = session.EndsAt, RegistrationOpen = false };
                    db.OpportunitySessions.Add(date);
                    session.OpportunitySessionId = date.Id;
                }
                db.LabSessions.Add(session);
            }

            // The listening point: a few anonymous contacts a week.
            for (var day = today.AddDays(-364); day <= today; day = day.AddDays(faker.Random.Int(1, 4)))
                db.ListeningContacts.Add(new ListeningContact
                {
                    Id = Guid.NewGuid(), NetworkId = pavia.Id, LabId = lab.Id, Date = day, Topic = faker.PickRandom(labTopics),
                    FollowUp = faker.Random.WeightedRandom([ListeningFollowUp.Listened, ListeningFollowUp.Service, ListeningFollowUp.SupportPath, ListeningFollowUp.Opportunity], [0.45f, 0.3f, 0.1f, 0.15f]),
                    FollowUpNote = faker.Random.Bool(0.5f) ? faker.PickRandom(Notes) : null, RecordedByUserId = faker.PickRandom(facilitators.ToList()), CreatedAt = now,
                });
        }

        // Assignments beyond the labs.
        foreach (var v in volunteers.Take(40))
            db.VolunteerAssignments.Add(new VolunteerAssignment
            {
                Id = Guid.NewGuid(), NetworkId = pavia.Id, VolunteerUserId = v, Kind = faker.PickRandom(AssignmentKind.SupportPath, AssignmentKind.Event),
                Title = faker.PickRandom("Accompagnamento ai compiti di una famiglia seguita", "Festa di quartiere di primavera", "Trasporto alle visite al consultorio", "Raccolta di materiale scolastico", "Affiancamento di una mamma nelle pratiche online"),
                WithChildren = v == volunteerId || faker.Random.Bool(0.3f) && volunteers.IndexOf(v) < 100, StartsOn = today.AddDays(-faker.Random.Int(10, 200)), CreatedAt = now.AddDays(-200),
            });

        // Courses: operators in two courses, volunteers in one, both in a shorter one.
        var courses = new (string Title, TrainingAudience Audience, string Partner, string[] Modules, int Sessions, double Hours, List<Guid> People, int StartDaysAgo)[]
        {
            ("Tutoring familiare: accompagnare le famiglie in difficoltà", TrainingAudience.Operators, "Consorzio Sociale Pavese",
                ["Il patto con la famiglia", "Colloquio e ascolto", "Il piano di accompagnamento", "Lavorare in rete con i servizi"], 8, 3, operators, 300),
            ("Mediazione dei conflitti familiari", TrainingAudience.Operators, "ALDIA cooperativa sociale", ["Il conflitto nella coppia e tra generazioni", "Tecniche di mediazione"], 6, 3, operators, 30),
            ("Volontari nei laboratori di comunità", TrainingAudience.Volunteers, "CSV Lombardia Sud",
                ["Il ruolo del volontario", "Accoglienza e ascolto", "Lavorare con bambini e ragazzi: tutele e responsabilità"], 5, 2.5, volunteers, 240),
            ("Accoglienza e ascolto nel punto di comunità", TrainingAudience.Both, "Centro Servizi Formazione", ["L'ascolto attivo", "Orientare ai servizi della rete"], 4, 2,
                operators.Take(20).Concat(volunteers.Take(40)).ToList(), 150),
        };
        foreach (var c in courses)
        {
            var course = new TrainingCourse
            {
                Id = Guid.NewGuid(), NetworkId = pavia.Id, PartnerId = P(c.Partner).Id, Title = c.Title, Audience = c.Audience,
                Description = $"Percorso formativo di «Fare #BeneComune» per {TrainingAudiences.Label(c.Audience).ToLowerInvariant()}: {c.Modules.Length} moduli, {c.Sessions} lezioni.",
                CreatedAt = now.AddDays(-c.StartDaysAgo - 30), UpdatedAt = now.AddDays(-c.StartDaysAgo - 30),
            };
            db.TrainingCourses.Add(course);
            var modules = c.Modules.Select((m, i) => new TrainingModule { Id = Guid.NewGuid(), CourseId = course.Id, Order = i + 1, Title = m }).ToList();
            db.TrainingModules.AddRange(modules);
            var sessions = new List<TrainingSession>();
            for (var s = 0; s < c.Sessions; s++)
            {
                var day = today.AddDays(-c.StartDaysAgo + s * 14);
                var start = RomeTime.FromRome(day, new TimeOnly(9, 30));
                sessions.Add(new TrainingSession
                {
                    Id = Guid.NewGuid(), NetworkId = pavia.Id, CourseId = course.Id, ModuleId = modules[s * modules.Count / c.Sessions].Id, StartsAt = start,
                    EndsAt = start.AddHours(c.Hours), Place = $"Sede di {c.Partner}, Pavia",
                });
            }
            db.TrainingSessions.AddRange(sessions);
            foreach (var person in c.People)
            {
                db.TrainingEnrolments.Add(new TrainingEnrolment { Id = Guid.NewGuid(), CourseId = course.Id, UserId = person, EnrolledAt = course.CreatedAt });
                var diligence = person == operatorId || person == volunteerId ? 1.0 : faker.Random.Double(0.45, 1.0);
                foreach (var s in sessions.Where(s => s.EndsAt < now))
                    if (faker.Random.Double() < diligence)
                        db.TrainingAttendances.Add(new TrainingAttendance { SessionId = s.Id, UserId = person, AddedAt = s.EndsAt });
            }
        }

        // Hours of volunteering over the year: the recent ones wait for approval.
        var coordinator = await db.Memberships.Where(m => m.NetworkId == pavia.Id && m.Role == NetworkRole.Coordinator).Select(m => m.UserId).FirstAsync();
        foreach (var v in volunteers)
        {
            var entries = v == volunteerId ? 24 : faker.Random.Int(4, 20);
            for (var e = 0; e < entries; e++)
            {
                var day = v == volunteerId ? today.AddDays(-e * 14 - 1) : today.AddDays(-faker.Random.Int(1, 360));
                var recent = day > today.AddDays(-10);
                var status = recent ? HoursStatus.Requested : faker.Random.Bool(0.04f) ? HoursStatus.Rejected : HoursStatus.Approved;
                db.VolunteerHours.Add(new VolunteerHours
                {
                    Id = Guid.NewGuid(), NetworkId = pavia.Id, VolunteerUserId = v, Date = day, Minutes = faker.PickRandom(60, 90, 120, 150, 180, 240),
                    Activity = faker.PickRandom("Incontro del laboratorio", "Aiuto compiti", "Accompagnamento di una famiglia", "Preparazione della festa di quartiere", "Punto di ascolto"),
                    LabId = v == volunteerId ? labIds[2] : null, Status = status,
                    DecidedByUserId = status == HoursStatus.Requested ? null : coordinator, DecidedAt = status == HoursStatus.Requested ? null : RomeTime.FromRome(day.AddDays(3), new TimeOnly(10, 0)),
                    DecisionNote = status == HoursStatus.Rejected ? "Attività già registrata da un altro volontario." : null,
                    CreatedAt = RomeTime.FromRome(day, new TimeOnly(20, 0)),
                });
            }
        }
        await db.SaveChangesAsync();
    }
}
