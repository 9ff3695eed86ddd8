using Alleanza.Web.Modules.Families;
using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Modules.Network.Plan;
using Alleanza.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace Alleanza.Tests.Network;

/// <summary>
/// Piano Family through the pages: bound indicators equal direct counts of the database (and follow new data), manual
/// readings keep their history, status changes are recorded, the dossier's PDF and XLSX open with the plan's objectives,
/// and plans stay within their network and Comune.
/// </summary>
public class PlanTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    static Dictionary<string, string?> V(params (string Key, string? Value)[] values) => values.ToDictionary(v => v.Key, v => v.Value);

    Task<Guid> NetworkAsync(string slug) => factory.WithDbAsync(db => db.Networks.Where(n => n.Slug == slug).Select(n => n.Id).FirstAsync());

    /// <summary>Creates a network-wide plan of Portogruaro for this year and one objective in the "Comunità educante" area, through the forms.</summary>
    async Task<(TestClient Client, Guid Plan, Guid Objective, Guid Area)> NewPlanAsync(string title)
    {
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("portogruaro");
        var list = await client.GetAsync("/gestione/piano");
        var created = await client.SubmitAsync(list, V(("Input.Title", title), ("Input.StartYear", DateTime.UtcNow.Year.ToString()), ("Input.ComuneId", "")));
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var plan = Guid.Parse(created.Location!.Split('/').Last());
        var network = await NetworkAsync("portogruaro");
        var area = await factory.WithDbAsync(db => db.NetworkAreas.Where(a => a.NetworkId == network && a.Code == "comunita-educante").Select(a => a.Id).FirstAsync());
        var form = await client.GetAsync($"/gestione/piano/{plan}/obiettivi/nuovo");
        var added = await client.SubmitAsync(form, V(("Input.AreaId", area.ToString()), ("Input.Title", "Più servizi educativi"), ("Input.Order", "1")));
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        var objective = await factory.WithDbAsync(db => db.PlanObjectives.Where(o => o.PlanId == plan).Select(o => o.Id).FirstAsync());
        return (client, plan, objective, area);
    }

    async Task<Guid> AddIndicatorAsync(TestClient client, Guid plan, Guid objective, string name, IndicatorSource source, IndicatorMetric? metric)
    {
        var form = await client.GetAsync($"/gestione/piano/{plan}/indicatori/nuovo?obiettivo={objective}");
        var result = await client.SubmitAsync(form, V(("Input.Name", name), ("Input.Baseline", "0"), ("Input.Target", "1000"),
            ("Input.Source", source.ToString()), ("Input.Metric", metric?.ToString() ?? "")));
        Assert.True(result.Status == HttpStatusCode.Redirect, string.Join(" | ", result.Errors));
        return Guid.Parse(result.Location!.Split('/').Last());
    }

    static decimal? Current(TestClient.Page page, Guid indicator)
    {
        var text = page.Document.QuerySelector($"tr[data-indicator='{indicator}'] td[data-current]")!.TextContent.Trim();
        return text == "—" ? null : decimal.Parse(text, RomeTime.Italian);
    }

    [Fact]
    public async Task Bound_indicators_equal_direct_counts_and_follow_new_data()
    {
        var (client, plan, objective, area) = await NewPlanAsync("Piano con indicatori calcolati");
        var ids = new Dictionary<IndicatorMetric, Guid>();
        // The support programme's metrics (families accompanied, labs, training, volunteer hours) are Pavia's: Support/EvaluationTests.
        foreach (var metric in Enum.GetValues<IndicatorMetric>().Where(m => m <= IndicatorMetric.FamiliesReached))
            ids[metric] = await AddIndicatorAsync(client, plan, objective, "Indicatore " + metric, IndicatorSource.Bound, metric);
        var network = await NetworkAsync("portogruaro");
        var year = DateTime.UtcNow.Year;
        DateTime start = RomeTime.FromRome(new DateOnly(year, 1, 1), TimeOnly.MinValue), end = RomeTime.FromRome(new DateOnly(year + 2, 1, 1), TimeOnly.MinValue);

        async Task<Dictionary<IndicatorMetric, long>> DirectAsync() => await factory.WithDbAsync(async db => new Dictionary<IndicatorMetric, long>
        {
            [IndicatorMetric.PublishedOpportunitiesInArea] = await db.Opportunities.LongCountAsync(o => o.NetworkId == network && o.AreaId == area
                && o.Status == OpportunityStatus.Published && o.PublishedAt < end),
            [IndicatorMetric.FamilyCardsIssued] = await db.Cards.LongCountAsync(c => c.NetworkId == network && c.IssuedAt >= start && c.IssuedAt < end),
            [IndicatorMetric.MerchantsJoined] = await db.Offers.Where(o => o.NetworkId == network && o.Status == OfferStatus.Published && (o.PublishedAt == null || o.PublishedAt < end))
                .Select(o => o.PartnerId).Distinct().LongCountAsync(),
            [IndicatorMetric.FamiliesReached] = (await db.Registrations.Where(r => r.NetworkId == network && r.Status == RegistrationStatus.Confirmed
                && r.CreatedAt >= start && r.CreatedAt < end).Select(r => r.UserId).ToListAsync()).Distinct().Count(),
        });

        var page = await client.GetAsync($"/gestione/piano/{plan}");
        var before = await DirectAsync();
        foreach (var (metric, id) in ids) Assert.Equal(before[metric], Current(page, id));
        Assert.True(before[IndicatorMetric.PublishedOpportunitiesInArea] > 0, "the demo catalogue has educational opportunities");

        // One more opportunity published in the area, one more card issued, one more merchant with a published offer, one more family registered.
        await factory.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var partner = await db.Partners.Where(p => p.NetworkId == network && !db.Offers.Any(o => o.PartnerId == p.Id)).Select(p => p.Id).FirstAsync();
            var opportunityId = Guid.NewGuid();
            var session = new OpportunitySession { Id = Guid.NewGuid(), OpportunityId = opportunityId, StartsAt = now.AddDays(10), Capacity = 10, Taken = 1 };
            db.Opportunities.Add(new Opportunity
            {
                Id = opportunityId, NetworkId = network, PartnerId = partner, Kind = OpportunityKind.Event, Title = "Nuovo laboratorio", Description = "Laboratorio",
                AreaId = area, Cost = CostKind.Free, Status = OpportunityStatus.Published, SearchText = "nuovo laboratorio", CreatedAt = now, UpdatedAt = now, PublishedAt = now,
                Sessions = [session],
            });
            db.Offers.Add(new Offer { Id = Guid.NewGuid(), NetworkId = network, PartnerId = partner, Title = "Sconto 10%", Kind = DiscountKind.Percent, Percent = 10,
                Status = OfferStatus.Published, CreatedAt = now, UpdatedAt = now, PublishedAt = now });
            var household = await db.Households.Where(h => h.NetworkId == network).Include(h => h.Members).FirstAsync();
            // A new adult of the household: one live card per member, and the demo's adults may hold theirs.
            var adult = new HouseholdMember { Id = Guid.NewGuid(), HouseholdId = household.Id, Role = MemberRole.Adult, FirstName = "Nuova", LastName = "Adulta", BirthDate = new(1990, 1, 1) };
            db.HouseholdMembers.Add(adult);
            db.Cards.Add(new Card { Id = Guid.NewGuid(), NetworkId = network, HouseholdId = household.Id, MemberId = adult.Id, ComuneId = household.ComuneId,
                Number = CardNumbers.New(), HolderFirstName = adult.FirstName, HolderLastName = adult.LastName, Status = CardStatus.Active, IssuedAt = now, ValidUntil = now.AddYears(5) });
            var user = await db.Users.Where(u => u.Email == "coordinatore@portogruaro.demo").Select(u => u.Id).FirstAsync();
            db.Registrations.Add(new Registration { Id = Guid.NewGuid(), NetworkId = network, SessionId = session.Id, UserId = user, Places = 1, Participants = "Giulia",
                Status = RegistrationStatus.Confirmed, CreatedAt = now });
            await db.SaveChangesAsync();
            return 0;
        });

        var after = await DirectAsync();
        foreach (var metric in ids.Keys)
            Assert.True(after[metric] == before[metric] + 1 || metric == IndicatorMetric.FamiliesReached && after[metric] >= before[metric], $"{metric}: {before[metric]} → {after[metric]}");
        page = await client.GetAsync($"/gestione/piano/{plan}");
        foreach (var (metric, id) in ids) Assert.Equal(after[metric], Current(page, id));

        // The dashboard reads the values the background refresher stores (counting them live takes seconds at regional
        // scale): none yet, then, once it has run, the same progress as the page: (current − 0) / (1000 − 0).
        using var scope = factory.Services.CreateScope();
        var query = scope.ServiceProvider.GetRequiredService<PlanProgress>();
        var waiting = (await query.ForNetworkAsync(network, null)).Single(p => p.Id == plan);
        Assert.Equal(ids.Count, waiting.IndicatorsPending);
        Assert.Null(waiting.IndicatorsComputedAt);
        Assert.Equal(0, waiting.Objectives.Single().IndicatorProgress);
        Assert.True(await PlanIndicatorRefresher.RefreshDueAsync(scope.ServiceProvider, TimeSpan.FromMinutes(15)) >= 1);
        var summary = (await query.ForNetworkAsync(network, null)).Single(p => p.Id == plan);
        Assert.Equal(0, summary.IndicatorsPending);
        Assert.NotNull(summary.IndicatorsComputedAt);
        var expected = after.Values.Average(v => Math.Min(100.0, v / 10.0));
        Assert.Equal(expected, summary.Objectives.Single().IndicatorProgress!.Value, 6);
        var stored = await factory.WithDbAsync(db => db.PlanIndicators.Where(i => i.PlanId == plan).ToDictionaryAsync(i => i.Metric!.Value, i => i.ComputedValue));
        foreach (var metric in ids.Keys) Assert.Equal(after[metric], stored[metric]);

        // Not due again within the interval; an indicator that now counts something else is, and waits without a value.
        Assert.Equal(0, await PlanIndicatorRefresher.RefreshDueAsync(scope.ServiceProvider, TimeSpan.FromMinutes(15)));
        var edit = await client.GetAsync($"/gestione/piano/{plan}/indicatori/{ids[IndicatorMetric.MerchantsJoined]}");
        Assert.Equal(HttpStatusCode.OK, edit.Status);
        var changed = await client.SubmitAsync(edit, V(("Input.Metric", IndicatorMetric.FamilyCardsIssued.ToString())));
        Assert.True(changed.Status == HttpStatusCode.Redirect, string.Join(" | ", changed.Errors));
        Assert.Equal(1, (await query.ForNetworkAsync(network, null)).Single(p => p.Id == plan).IndicatorsPending);
        Assert.Equal(1, await PlanIndicatorRefresher.RefreshDueAsync(scope.ServiceProvider, TimeSpan.FromMinutes(15)));
        Assert.Equal(after[IndicatorMetric.FamilyCardsIssued],
            await factory.WithDbAsync(db => db.PlanIndicators.Where(i => i.Id == ids[IndicatorMetric.MerchantsJoined]).Select(i => i.ComputedValue).SingleAsync()));
    }

    [Fact]
    public async Task Manual_readings_keep_their_history_and_the_latest_by_date_is_current()
    {
        var (client, plan, objective, _) = await NewPlanAsync("Piano con indicatori a mano");
        var indicator = await AddIndicatorAsync(client, plan, objective, "Famiglie agli incontri", IndicatorSource.Manual, null);
        var page = await client.GetAsync($"/gestione/piano/{plan}/indicatori/{indicator}");
        var today = RomeTime.Today(TimeProvider.System);
        var first = await client.SubmitAsync(page, V(("Reading.Value", "120"), ("Reading.Date", today.ToString("yyyy-MM-dd")), ("Reading.Note", "Registro presenze")), "form[action*='handler=Reading']");
        Assert.True(first.Status == HttpStatusCode.Redirect, string.Join(" | ", first.Errors));
        page = await client.GetAsync($"/gestione/piano/{plan}/indicatori/{indicator}");
        // An older reading typed later does not replace the current value.
        await client.SubmitAsync(page, V(("Reading.Value", "80,5"), ("Reading.Date", today.AddDays(-30).ToString("yyyy-MM-dd"))), "form[action*='handler=Reading']");
        // A future date is refused.
        page = await client.GetAsync($"/gestione/piano/{plan}/indicatori/{indicator}");
        var future = await client.SubmitAsync(page, V(("Reading.Value", "999"), ("Reading.Date", today.AddDays(5).ToString("yyyy-MM-dd"))), "form[action*='handler=Reading']");
        Assert.Equal(HttpStatusCode.OK, future.Status);
        Assert.Contains(future.Errors, e => e.Contains("futuro"));

        page = await client.GetAsync($"/gestione/piano/{plan}/indicatori/{indicator}");
        Assert.Equal("120", page.Document.QuerySelector("[data-figure=current]")!.TextContent.Trim());
        var history = page.Document.QuerySelectorAll("#storico-rilevazioni tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, history.Count);
        Assert.Contains("80,5", history[1]);
        Assert.Contains("Registro presenze", history[0]);
        var stored = await factory.WithDbAsync(db => db.IndicatorReadings.Where(r => r.IndicatorId == indicator).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.All(stored, r => Assert.Equal("coordinatore@portogruaro.demo", r.UserName));
        Assert.Equal(120m, await factory.WithDbAsync(db => db.PlanIndicators.Where(i => i.Id == indicator).Select(i => i.ManualValue).FirstAsync()));
        Assert.Equal(120m, Current(await client.GetAsync($"/gestione/piano/{plan}"), indicator));
    }

    [Fact]
    public async Task Status_changes_of_plan_objective_and_action_are_kept_in_the_history()
    {
        var (client, plan, objective, _) = await NewPlanAsync("Piano con storico");
        var form = await client.GetAsync($"/gestione/piano/{plan}/azioni/nuova?obiettivo={objective}");
        var partner = await factory.WithDbAsync(db => db.Partners.Where(p => db.Networks.Any(n => n.Id == p.NetworkId && n.Slug == "portogruaro")).Select(p => p.Id).FirstAsync());
        var bad = await client.SubmitAsync(form, V(("Input.Title", "Spazio compiti"), ("Input.Budget", "abc"), ("Input.StartDate", "2026-05-01"), ("Input.EndDate", "2026-03-01")));
        Assert.Equal(HttpStatusCode.OK, bad.Status);
        Assert.True(bad.Errors.Count >= 2, string.Join(" | ", bad.Errors));
        var added = await client.SubmitAsync(form, V(("Input.Title", "Spazio compiti"), ("Input.ResponsiblePartnerId", partner.ToString()), ("Input.Budget", "1.500,50"),
            ("Input.StartDate", "2026-02-01"), ("Input.EndDate", "2026-06-30")));
        Assert.True(added.Status == HttpStatusCode.Redirect, string.Join(" | ", added.Errors));
        var action = await factory.WithDbAsync(db => db.PlanActions.Where(a => a.PlanId == plan).FirstAsync());
        Assert.Equal(1500.50m, action.Budget);

        var page = await client.GetAsync($"/gestione/piano/{plan}");
        var changed = await client.SubmitAsync(page, V(("StatusInput.Status", ((int)ActionStatus.InProgress).ToString()), ("StatusInput.Note", "Partiti a febbraio")),
            $"form[action*='actionId={action.Id}']");
        Assert.Equal(HttpStatusCode.Redirect, changed.Status);
        page = await client.GetAsync($"/gestione/piano/{plan}");
        await client.SubmitAsync(page, V(("StatusInput.Status", ((int)PlanStatus.Approved).ToString())), "form[action*='handler=Status']");
        var objectivePage = await client.GetAsync($"/gestione/piano/{plan}/obiettivi/{objective}");
        await client.SubmitAsync(objectivePage, V(("StatusInput.Status", ((int)ObjectiveStatus.InProgress).ToString())), "form[action*='handler=Status']");

        var changes = await factory.WithDbAsync(db => db.PlanStatusChanges.Where(c => c.PlanId == plan).OrderBy(c => c.Id).ToListAsync());
        Assert.Collection(changes,
            c => { Assert.Equal(PlanSubject.Plan, c.Subject); Assert.Null(c.FromStatus); },
            c => { Assert.Equal(PlanSubject.Action, c.Subject); Assert.Equal(action.Id, c.SubjectId); Assert.Equal((int)ActionStatus.ToStart, c.FromStatus); Assert.Equal((int)ActionStatus.InProgress, c.ToStatus); Assert.Equal("Partiti a febbraio", c.Note); },
            c => { Assert.Equal(PlanSubject.Plan, c.Subject); Assert.Equal((int)PlanStatus.Approved, c.ToStatus); },
            c => { Assert.Equal(PlanSubject.Objective, c.Subject); Assert.Equal((int)ObjectiveStatus.InProgress, c.ToStatus); });
        page = await client.GetAsync($"/gestione/piano/{plan}");
        var rows = page.Document.QuerySelectorAll("#storico-stati tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Contains(rows, r => r.Contains("Azione «Spazio compiti»") && r.Contains("Da avviare") && r.Contains("In corso") && r.Contains("Partiti a febbraio"));
        Assert.Equal("Approvato", page.Document.QuerySelector("[data-plan-status]")!.TextContent.Trim());
        Assert.Contains("1.500,50 €", page.Document.QuerySelector("[data-figure=budget]")!.TextContent);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "piano.stato" && a.EntityId == action.Id.ToString())));
    }

    static List<string> Titles(PdfOutlineCollection outlines) =>
        outlines.SelectMany(o => (IEnumerable<string>)[o.Title, .. Titles(o.Outlines)]).ToList();

    [Fact]
    public async Task The_dossier_pdf_has_the_objectives_and_the_xlsx_opens()
    {
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("cidis");
        var network = await NetworkAsync("cidis");
        var plan = await factory.WithDbAsync(db => db.FamilyPlans.Where(p => p.NetworkId == network).Select(p => p.Id).FirstAsync());
        var objectives = await factory.WithDbAsync(db => db.PlanObjectives.Where(o => o.PlanId == plan).Select(o => o.Title).ToListAsync());
        Assert.Equal(6, objectives.Count);
        var comune = await factory.WithDbAsync(db => db.Comuni.Where(c => c.NetworkId == network && c.Name == "Orbassano").Select(c => c.Id).FirstAsync());

        var page = await client.GetAsync($"/gestione/piano/{plan}/dossier?comune={comune}&da=2025-01-01&a=2025-12-31");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var pdfLink = page.Document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).First(h => h != null && h.Contains("handler=Pdf"))!;
        var pdf = await client.Http.GetAsync(pdfLink);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        PdfSharp.PdfSharpLicense.SetAgplLicense();
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        using (var document = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import))
        {
            Assert.True(document.PageCount >= 3);
            var titles = Titles(document.Outlines);
            foreach (var title in objectives) Assert.Contains(title, titles);
            Assert.Contains("3. Mappatura dei servizi", titles);
            Assert.Contains("Orbassano", document.Info.Title);
            // Tagged for accessibility: Italian, a structure tree, marked content, the title shown by viewers.
            Assert.Equal("it-IT", document.Internals.Catalog.Elements.GetString("/Lang"));
            Assert.NotNull(document.Internals.Catalog.Elements.GetDictionary("/StructTreeRoot"));
            Assert.True(document.Internals.Catalog.Elements.GetDictionary("/MarkInfo")!.Elements.GetBoolean("/Marked"));
        }
        // Read back with another library: the cover, the plan, the charts' captions, the mapping and the page numbers.
        using (var read = UglyToad.PdfPig.PdfDocument.Open(bytes))
        {
            var pages = read.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();
            Assert.Contains("certificazione", pages[0]);
            Assert.Contains("Comune di Orbassano", pages[0]);
            Assert.Contains("Data del documento", pages[0]);
            Assert.DoesNotContain("Pagina", pages[0]); // no number on the cover
            Assert.Contains($"Pagina 2 di {pages.Count}", pages[1]);
            Assert.Contains($"Pagina {pages.Count} di {pages.Count}", pages[^1]);
            var all = string.Join(" ", pages);
            Assert.Contains("Avanzamento degli indicatori verso l'obiettivo", all);
            Assert.Contains("Lacune per area", all);
            Assert.Contains("Governance (non per fascia d'età)", all);
        }

        var xlsxLink = page.Document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).First(h => h != null && h.Contains("handler=Xlsx"))!;
        var xlsx = await client.Http.GetAsync(xlsxLink);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var book = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        var sheets = book.Worksheets.Select(s => s.Name).ToList();
        Assert.Equal(["Piano", "Obiettivi e indicatori", "Azioni", "Mappatura", "Lacune per Comune"], sheets);
        // Italian headers, a frozen header row, real numbers and dates with formats, widths set to the content.
        var actions = book.Worksheet("Azioni");
        Assert.Equal(["Area", "Obiettivo", "Azione", "Ente responsabile", "Budget (€)", "Inizio", "Fine", "Stato"],
            actions.Row(1).Cells(1, 8).Select(c => c.GetString()));
        Assert.All(book.Worksheets, w => Assert.Equal(1, w.SheetView.SplitRow));
        var dated = actions.Column(6).CellsUsed().Skip(1).First();
        Assert.Equal(ClosedXML.Excel.XLDataType.DateTime, dated.DataType);
        Assert.Equal("dd/mm/yyyy", dated.Style.NumberFormat.Format);
        var budget = actions.Column(5).CellsUsed().Skip(1).First();
        Assert.Equal(ClosedXML.Excel.XLDataType.Number, budget.DataType);
        Assert.True(actions.Column(3).Width > 20);
        var indicators = book.Worksheet("Obiettivi e indicatori");
        Assert.Equal(ClosedXML.Excel.XLDataType.Number, indicators.Column(6).CellsUsed().Skip(1).First().DataType);
        var planRows = MappingTests.ReadSheet(book, "Piano");
        Assert.Contains(planRows, r => r[0] == "Ambito del dossier" && r[1] == "Comune di Orbassano");
        var objectiveRows = MappingTests.ReadSheet(book, "Obiettivi e indicatori");
        foreach (var title in objectives) Assert.Contains(objectiveRows, r => r[1] == title);
        var mapping = MappingTests.ReadSheet(book, "Mappatura");
        Assert.Equal(31, mapping.Count); // one Comune: 6 areas × 5 bands, plus the header
        Assert.All(mapping.Skip(1), r => Assert.Equal("Orbassano", r[0]));

        // Junk dates fall back to the plan's two years, with a message (no error page).
        var junk = await client.GetAsync($"/gestione/piano/{plan}/dossier?da=ieri&a=2025-13-45");
        Assert.Equal(HttpStatusCode.OK, junk.Status);
        Assert.Contains("due anni del piano", junk.Text);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync($"/gestione/piano/{plan}/dossier?handler=Pdf&da=x")).StatusCode);
    }

    [Fact]
    public async Task Another_networks_coordinator_gets_404_on_plans_and_their_parts()
    {
        var network = await NetworkAsync("portogruaro");
        var plan = await factory.WithDbAsync(db => db.FamilyPlans.Where(p => p.NetworkId == network).Select(p => p.Id).FirstAsync());
        var objective = await factory.WithDbAsync(db => db.PlanObjectives.Where(o => o.PlanId == plan).Select(o => o.Id).FirstAsync());
        var action = await factory.WithDbAsync(db => db.PlanActions.Where(a => a.PlanId == plan).Select(a => a.Id).FirstAsync());
        var indicator = await factory.WithDbAsync(db => db.PlanIndicators.Where(i => i.PlanId == plan).Select(i => i.Id).FirstAsync());
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("brianza");
        foreach (var url in new[] { $"/gestione/piano/{plan}", $"/gestione/piano/{plan}/dossier", $"/gestione/piano/{plan}/dossier?handler=Pdf", $"/gestione/piano/{plan}/modifica",
                     $"/gestione/piano/{plan}/obiettivi/{objective}", $"/gestione/piano/{plan}/azioni/{action}", $"/gestione/piano/{plan}/indicatori/{indicator}" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).Status);
        Assert.DoesNotContain(plan.ToString(), (await client.GetAsync("/gestione/piano")).Html);

        // A post with a valid token of an own page changes nothing.
        var token = (await client.GetAsync("/gestione/piano")).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await client.Http.PostAsync($"/gestione/piano/{plan}?handler=ActionStatus&actionId={action}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["StatusInput.Status"] = ((int)ActionStatus.Suspended).ToString(),
        }));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.NotEqual(ActionStatus.Suspended, await factory.WithDbAsync(db => db.PlanActions.Where(a => a.Id == action).Select(a => a.Status).FirstAsync()));
    }

    [Fact]
    public async Task An_officer_reads_their_Comunes_plan_updates_its_actions_and_cannot_see_another_Comunes_plan()
    {
        var network = await NetworkAsync("portogruaro");
        var own = await factory.WithDbAsync(db => db.FamilyPlans.Where(p => p.NetworkId == network && p.ComuneId != null).Select(p => p.Id).FirstAsync());
        var caorle = await factory.WithDbAsync(async db =>
        {
            var comune = await db.Comuni.Where(c => c.NetworkId == network && c.Name == "Caorle").Select(c => c.Id).FirstAsync();
            var p = new FamilyPlan { Id = Guid.NewGuid(), NetworkId = network, ComuneId = comune, Title = "Piano Family di Caorle", StartYear = 2026, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.FamilyPlans.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });
        var client = factory.NewClient();
        await client.SignInOrFailAsync("comune@portogruaro.demo");
        await client.ChooseNetworkAsync("portogruaro");

        var list = await client.GetAsync("/gestione/piano");
        Assert.Contains(own.ToString(), list.Html);
        Assert.DoesNotContain("Piano Family di Caorle", list.Html);
        Assert.Null(list.Document.QuerySelector("input[name='Input.Title']"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/gestione/piano/{caorle}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/gestione/piano/{caorle}/dossier?handler=Xlsx")).Status);

        var page = await client.GetAsync($"/gestione/piano/{own}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Empty(page.Document.QuerySelectorAll("a[href$='/modifica']"));
        var action = await factory.WithDbAsync(db => db.PlanActions.Where(a => a.PlanId == own).Select(a => new { a.Id, a.Status }).FirstAsync());
        var target = action.Status == ActionStatus.Completed ? ActionStatus.InProgress : ActionStatus.Completed;
        var changed = await client.SubmitAsync(page, V(("StatusInput.Status", ((int)target).ToString())), $"form[action*='actionId={action.Id}']");
        Assert.Equal(HttpStatusCode.Redirect, changed.Status);
        Assert.Equal(target, await factory.WithDbAsync(db => db.PlanActions.Where(a => a.Id == action.Id).Select(a => a.Status).FirstAsync()));
        Assert.True(await factory.WithDbAsync(db => db.PlanStatusChanges.AnyAsync(c => c.SubjectId == action.Id && c.UserName == "comune@portogruaro.demo")));
        // Editing stays with the coordinators.
        var edit = await client.GetAsync($"/gestione/piano/{own}/azioni/{action.Id}");
        Assert.Equal(HttpStatusCode.Redirect, edit.Status);
        Assert.Contains("/account/accesso-negato", edit.Location);
    }

    [Theory]
    [InlineData(0, 100, 50, 50)]
    [InlineData(0, 100, 150, 100)]
    [InlineData(10, 20, 5, 0)]
    [InlineData(100, 50, 75, 50)] // a target below the baseline (fewer waiting families)
    [InlineData(5, 5, 5, 100)]
    [InlineData(5, 5, 4, 0)]
    public void Progress_is_the_share_of_the_way_from_baseline_to_target_clamped(double baseline, double target, double current, double expected) =>
        Assert.Equal(expected, PlanIndicator.Progress((decimal)baseline, (decimal)target, (decimal)current), 6);

    [Fact]
    public async Task A_Comune_plan_shows_the_pact_commitments_of_the_partners_working_there()
    {
        var network = await NetworkAsync("portogruaro");
        var tag = Guid.NewGuid().ToString("N")[..8];
        // Two adhering partners of the demo: one made to serve only the plan's Comune, one only another Comune.
        var (plan, here, elsewhere) = await factory.WithDbAsync(async db =>
        {
            var p = await db.FamilyPlans.Where(x => x.NetworkId == network && x.ComuneId != null).FirstAsync();
            var other = await db.Comuni.Where(c => c.NetworkId == network && c.Id != p.ComuneId).Select(c => c.Id).FirstAsync();
            var live = await db.PactAdhesions.Where(a => a.NetworkId == network && a.LivePartnerId != null).Take(2).ToListAsync();
            live[0].Commitments = $"Apriamo la ludoteca il sabato {tag}";
            live[1].Commitments = $"Corsi di lingua in un altro Comune {tag}";
            foreach (var (adhesion, comune) in new[] { (live[0], p.ComuneId!.Value), (live[1], other) })
            {
                db.PartnerComuni.RemoveRange(db.PartnerComuni.Where(c => c.PartnerId == adhesion.PartnerId));
                db.PartnerComuni.Add(new Alleanza.Web.Modules.Network.PartnerComune { PartnerId = adhesion.PartnerId, ComuneId = comune });
            }
            await db.SaveChangesAsync();
            return (p.Id, live[0].Commitments!, live[1].Commitments!);
        });
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("portogruaro");
        var page = await client.GetAsync($"/gestione/piano/{plan}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var section = page.Document.QuerySelector("#impegni-patto")?.TextContent ?? "";
        Assert.Contains(here, section);
        Assert.DoesNotContain(elsewhere, page.Html);
    }
}
