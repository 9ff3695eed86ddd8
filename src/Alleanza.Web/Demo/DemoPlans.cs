using Alleanza.Web.Modules.Network;
using Alleanza.Web.Modules.Network.Plan;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Demo;

/// <summary>
/// Demo Piano Family: CIdiS's network plan 2025–2026 with an objective per area of its mapping (seed 002), bound and
/// manual indicators; a plan of the Comune di Portogruaro (whose municipal officer is a demo account); Pavia's
/// programme plan with its targets bound to the support paths, labs, courses and volunteer hours.
/// </summary>
public static class DemoPlans
{
    sealed record Objective(string Area, string Title, string Description, (string Title, string Partner, decimal Budget, int FromMonth, int ToMonth, ActionStatus Status)[] Actions,
        (string Name, string? Unit, decimal Baseline, decimal Target, IndicatorMetric? Metric, decimal[] Readings)[] Indicators);

    static readonly Objective[] Cidis =
    [
        new("ambiente-sport", "Sport accessibile a tutte le famiglie", "Quote ridotte con la Carta Famiglia e corsi per ogni fascia d'età in tutti i sei Comuni.",
            [("Convenzioni con le società sportive per la Carta Famiglia", "ASD Volvera Basket", 4000m, 1, 6, ActionStatus.Completed),
             ("Corsi di avviamento allo sport per 11–13 anni", "ASD Volvera Basket", 6500m, 9, 18, ActionStatus.InProgress)],
            [("Opportunità sportive pubblicate", "opportunità", 1, 6, IndicatorMetric.PublishedOpportunitiesInArea, []),
             ("Esercenti aderenti alla Carta Famiglia", "esercenti", 0, 15, IndicatorMetric.MerchantsJoined, [])]),
        new("comunicazione", "Informazioni chiare e in un solo posto", "Un portale unico con tutte le opportunità per famiglie dei Comuni del CIdiS.",
            [("Pubblicazione della mappatura sul portale", "C.i.di.s. — Consorzio intercomunale di Servizi", 2000m, 1, 4, ActionStatus.Completed),
             ("Newsletter mensile alle famiglie", "Centro per le famiglie CIdiS", 1200m, 3, 24, ActionStatus.InProgress)],
            [("Famiglie iscritte alla newsletter", "famiglie", 0, 600, null, [120, 310])]),
        new("comunita-educante", "Una comunità educante per la fascia 0–2 anni", "Dall'indagine sulla genitorialità sostenibile: spazi gioco e incontri per i genitori dei più piccoli.",
            [("Spazi gioco 0–3 anni in ogni Comune", "Centro per le famiglie CIdiS", 18000m, 2, 20, ActionStatus.InProgress),
             ("Questionario alle famiglie con figli 0–2 anni (con l'Università di Torino)", "C.i.di.s. — Consorzio intercomunale di Servizi", 3000m, 4, 8, ActionStatus.ToStart)],
            [("Opportunità educative pubblicate", "opportunità", 2, 12, IndicatorMetric.PublishedOpportunitiesInArea, []),
             ("Famiglie raggiunte dalle iscrizioni", "famiglie", 0, 200, IndicatorMetric.FamiliesReached, [])]),
        new("governance", "Tavolo intercomunale delle politiche family", "Il tavolo si riunisce ogni trimestre e verifica il piano con i sei Comuni.",
            [("Riunioni trimestrali del tavolo intercomunale", "C.i.di.s. — Consorzio intercomunale di Servizi", 0m, 1, 24, ActionStatus.InProgress)],
            [("Riunioni del tavolo svolte", "riunioni", 0, 8, null, [2, 3])]),
        new("misure-economiche", "Carta Famiglia in tutti i Comuni", "La Carta Famiglia per le famiglie residenti con almeno un figlio minore di 18 anni.",
            [("Avvio della Carta Famiglia", "C.i.di.s. — Consorzio intercomunale di Servizi", 12000m, 1, 6, ActionStatus.Completed),
             ("Campagna di adesione degli esercenti", "Comune di Orbassano", 2500m, 4, 12, ActionStatus.InProgress)],
            [("Carte Famiglia rilasciate", "carte", 0, 1500, IndicatorMetric.FamilyCardsIssued, [])]),
        new("welfare-territoriale", "Sostegno alla genitorialità vicino a casa", "Sportelli di ascolto e percorso nascita con l'ASL TO3.",
            [("Sportello di ascolto per genitori nei consultori", "ASL TO3", 9000m, 1, 24, ActionStatus.InProgress)],
            [("Colloqui allo sportello", "colloqui", 0, 300, null, [45, 118])]),
    ];

    public static async Task AddAsync(AppDbContext db, DateTime now)
    {
        var cidis = await db.Networks.Include(n => n.Comuni).FirstAsync(n => n.Slug == "cidis");
        await AddPlanAsync(db, cidis, null, "Piano Family e benessere della Comunità 2025–2026", 2025, PlanStatus.Approved,
            "Il piano biennale dei sei Comuni del CIdiS e del Consorzio: gli obiettivi per area della mappatura, le azioni, i responsabili e gli indicatori per la certificazione «Comune amico della famiglia».",
            Cidis, now);

        var portogruaro = await db.Networks.Include(n => n.Comuni).FirstAsync(n => n.Slug == "portogruaro");
        var comune = portogruaro.Comuni.First(c => c.Name == "Portogruaro");
        await AddPlanAsync(db, portogruaro, comune.Id, "Piano Family del Comune di Portogruaro 2026–2027", 2026, PlanStatus.Draft,
            "Il primo Piano Family del Comune, preparato con l'Alleanza per la famiglia del Portogruarese.",
            [
                new("comunita-educante", "Più opportunità per i ragazzi di 11–17 anni", "La mappatura mostra poche offerte per gli adolescenti.",
                    [("Centro di aggregazione giovanile aperto tre pomeriggi", "Cooperativa sociale Il Granello", 15000m, 3, 14, ActionStatus.ToStart)],
                    [("Opportunità educative pubblicate", "opportunità", 3, 10, IndicatorMetric.PublishedOpportunitiesInArea, [])]),
                new("misure-economiche", "Carta Famiglia conosciuta da tutte le famiglie", "Informare le famiglie residenti e gli esercenti del centro.",
                    [("Incontri nelle scuole per presentare la Carta", "Istituto Comprensivo di Portogruaro", 800m, 2, 5, ActionStatus.InProgress)],
                    [("Carte Famiglia rilasciate", "carte", 0, 400, IndicatorMetric.FamilyCardsIssued, []),
                     ("Famiglie informate negli incontri", "famiglie", 0, 500, null, [60])]),
            ], now);

        // Pavia's "Fare #BeneComune" programme: its targets bound to the support paths, labs, courses and volunteer hours.
        var pavia = await db.Networks.Include(n => n.Comuni).FirstAsync(n => n.Slug == "pavia");
        await AddPlanAsync(db, pavia, null, $"Piano Family «Fare #BeneComune» {now.Year - 1}–{now.Year}", now.Year - 1, PlanStatus.Approved,
            "Il programma della rete pavese: accompagnare almeno 800 famiglie in difficoltà, tenere aperti 10 laboratori di comunità, formare 60 operatori e 120 volontari e restituire i risultati al territorio.",
            [
                new("welfare-territoriale", "Accompagnare 800 famiglie in difficoltà", "Tutoring familiare, mediazione dei conflitti, sostegno alla genitorialità e cura di sé, con un piano per ogni famiglia.",
                    [("Percorsi di accompagnamento delle famiglie", "Consorzio Sociale Pavese", 240000m, 1, 24, ActionStatus.InProgress)],
                    [("Famiglie accompagnate", "famiglie", 0, 800, IndicatorMetric.FamiliesAccompanied, [])]),
                new("comunita-educante", "Dieci laboratori di comunità stabili", "Punti di ascolto e di incontro tra famiglie e abitanti nei quartieri.",
                    [("Apertura e animazione dei laboratori", "Consorzio Sociale Pavese", 90000m, 1, 24, ActionStatus.InProgress)],
                    [("Laboratori di comunità attivi", "laboratori", 0, 10, IndicatorMetric.LabsActive, []),
                     ("Ore di volontariato approvate", "ore", 0, 5000, IndicatorMetric.VolunteerHoursApproved, [])]),
                new("governance", "Formare chi accompagna le famiglie", "Corsi per gli operatori dei partner e per i volontari dei laboratori.",
                    [("Corsi di formazione per operatori e volontari", "Comune di Pavia", 30000m, 1, 18, ActionStatus.InProgress)],
                    [("Operatori formati", "operatori", 0, 60, IndicatorMetric.OperatorsTrained, []),
                     ("Volontari formati", "volontari", 0, 120, IndicatorMetric.VolunteersTrained, [])]),
            ], now);
        await db.SaveChangesAsync();
    }

    static async Task AddPlanAsync(AppDbContext db, AllianceNetwork network, Guid? comuneId, string title, int startYear, PlanStatus status, string description,
        Objective[] objectives, DateTime now)
    {
        var areas = await db.NetworkAreas.Where(a => a.NetworkId == network.Id).ToDictionaryAsync(a => a.Code, a => a.Id);
        var partners = await db.Partners.Where(p => p.NetworkId == network.Id).Select(p => new { p.Id, p.Name }).ToListAsync();
        var plan = new FamilyPlan
        {
            Id = Guid.NewGuid(), NetworkId = network.Id, ComuneId = comuneId, Title = title, StartYear = startYear, Status = status,
            Description = description, CreatedAt = now, UpdatedAt = now,
        };
        db.FamilyPlans.Add(plan);
        db.PlanStatusChanges.Add(new PlanStatusChange { PlanId = plan.Id, Subject = PlanSubject.Plan, SubjectId = plan.Id, ToStatus = (int)PlanStatus.Draft, At = now.AddDays(-60), UserName = "coordinatore", Note = "Piano creato" });
        if (status != PlanStatus.Draft)
            db.PlanStatusChanges.Add(new PlanStatusChange { PlanId = plan.Id, Subject = PlanSubject.Plan, SubjectId = plan.Id, FromStatus = (int)PlanStatus.Draft, ToStatus = (int)status, At = now.AddDays(-30), UserName = "coordinatore", Note = "Approvato dal tavolo intercomunale" });
        var order = 0;
        foreach (var o in objectives)
        {
            var objective = new PlanObjective
            {
                Id = Guid.NewGuid(), PlanId = plan.Id, AreaId = areas[o.Area], Title = o.Title, Description = o.Description, Order = order++,
                Status = o.Actions.Any(a => a.Status != ActionStatus.ToStart) ? ObjectiveStatus.InProgress : ObjectiveStatus.ToStart,
            };
            db.PlanObjectives.Add(objective);
            foreach (var a in o.Actions)
            {
                var start = new DateOnly(startYear, 1, 1).AddMonths(a.FromMonth - 1);
                db.PlanActions.Add(new PlanAction
                {
                    Id = Guid.NewGuid(), PlanId = plan.Id, ObjectiveId = objective.Id, Title = a.Title, Budget = a.Budget == 0 ? null : a.Budget,
                    ResponsiblePartnerId = partners.FirstOrDefault(p => p.Name == a.Partner)?.Id, Status = a.Status,
                    StartDate = start, EndDate = new DateOnly(startYear, 1, 1).AddMonths(a.ToMonth).AddDays(-1),
                });
            }
            var i = 0;
            foreach (var ind in o.Indicators)
            {
                var indicator = new PlanIndicator
                {
                    Id = Guid.NewGuid(), PlanId = plan.Id, ObjectiveId = objective.Id, Name = ind.Name, Unit = ind.Unit, Baseline = ind.Baseline, Target = ind.Target,
                    Source = ind.Metric is null ? IndicatorSource.Manual : IndicatorSource.Bound, Metric = ind.Metric, Order = i++,
                    ManualValue = ind.Readings.Length == 0 ? null : ind.Readings[^1],
                };
                db.PlanIndicators.Add(indicator);
                for (var r = 0; r < ind.Readings.Length; r++)
                    db.IndicatorReadings.Add(new IndicatorReading
                    {
                        Id = Guid.NewGuid(), IndicatorId = indicator.Id, Value = ind.Readings[r], Date = DateOnly.FromDateTime(now).AddMonths(-3 * (ind.Readings.Length - r)),
                        Note = "Rilevazione del Centro per le famiglie", RecordedAt = now, UserName = "coordinatore",
                    });
            }
        }
    }
}
