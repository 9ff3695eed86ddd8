using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Surveys;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Statistics;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Surveys;

/// <summary>Questionari: building and locking, branching without script, stop and resume, one use per code, anonymity, suppression, exports.</summary>
public class SurveyTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    static async Task<TestClient.Page> PressAsync(TestClient client, TestClient.Page page, string handler, Dictionary<string, string?> values, string? formSelector = null)
    {
        var (target, fields) = TestClient.FormOf(page, values, formSelector);
        var url = target.Split('?')[0] + (target.Contains('?') ? "?" + string.Join("&", target.Split('?')[1].Split('&').Where(p => !p.StartsWith("handler="))) + "&" : "?") + "handler=" + handler;
        var response = await client.Http.PostAsync(url, new FormUrlEncodedContent(fields));
        return await TestClient.ReadAsync(response);
    }

    Task<Guid> NetworkAsync(string slug) => factory.WithDbAsync(db => db.Networks.Where(n => n.Slug == slug).Select(n => n.Id).FirstAsync());

    /// <summary>
    /// A questionnaire of Lucca: section 1 asks whether the family uses the library (single choice) and, only when
    /// «Sì», how often (a conditional question); section 2 appears only when «Sì»; section 3 has a required rating.
    /// </summary>
    async Task<(Guid Survey, Guid Uses, Guid Yes, Guid No, Guid HowOften, Guid Rating, Guid Text)> BuildAsync(bool open = true)
    {
        var network = await NetworkAsync("lucca");
        using var scope = factory.Services.CreateScope();
        var build = scope.ServiceProvider.GetRequiredService<BuildSurvey>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var id = (await build.CreateAsync(network, $"Biblioteca {Guid.NewGuid():N}"))!.Value;
        var first = await db.SurveySections.Where(s => s.SurveyId == id).Select(s => s.Id).FirstAsync();
        var uses = (await build.SaveQuestionAsync(network, id, null, new(first, QuestionType.SingleChoice, "Usate la biblioteca?", "", true, "Sì\nNo", null))).Id!.Value;
        var options = await db.SurveyOptions.Where(o => o.QuestionId == uses).OrderBy(o => o.Position).Select(o => o.Id).ToListAsync();
        var howOften = (await build.SaveQuestionAsync(network, id, null, new(first, QuestionType.Rating5, "Quanto spesso?", "", true, null, options[0]))).Id!.Value;
        var second = (await build.SaveSectionAsync(network, id, null, new("La biblioteca", options[0]))).Id!.Value;
        await build.SaveQuestionAsync(network, id, null, new(second, QuestionType.MultipleChoice, "Che cosa prendete in prestito?", "", false, "Libri\nFilm\nGiochi", null));
        var third = (await build.SaveSectionAsync(network, id, null, new("In generale", null))).Id!.Value;
        var rating = (await build.SaveQuestionAsync(network, id, null, new(third, QuestionType.Rating10, "Quanto siete soddisfatti dei servizi?", "", true, null, null))).Id!.Value;
        var text = (await build.SaveQuestionAsync(network, id, null, new(third, QuestionType.LongText, "Suggerimenti?", "", false, null, null))).Id!.Value;
        if (open) Assert.True((await build.OpenAsync(network, id)).Ok);
        return (id, uses, options[0], options[1], howOften, rating, text);
    }

    async Task<string> NewCodeAsync(Guid survey)
    {
        var code = SurveyCodes.NewCode();
        await factory.WithDbAsync(async db =>
        {
            db.SurveyCodes.Add(new SurveyCode { Id = Guid.NewGuid(), SurveyId = survey, Hash = SurveyCodes.Hash(SurveyCodes.Normalize(code)!), Channel = CodeChannel.Invitation });
            return await db.SaveChangesAsync();
        });
        return code;
    }

    static string F(Guid question) => "q-" + question.ToString("N");

    async Task<TestClient> FamilyAsync()
    {
        var client = factory.NewClient();
        await client.ChooseNetworkAsync("lucca");
        return client;
    }

    [Fact]
    public async Task The_invitation_reaches_each_household_in_the_language_of_its_account_with_the_title_as_the_network_translated_it()
    {
        var (survey, _, _, _, _, _, _) = await BuildAsync();
        var network = await NetworkAsync("lucca");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (comune, english, italian, coordinator) = await factory.WithDbAsync(async db =>
        {
            var c = new Alleanza.Web.Modules.Network.Comune { Id = Guid.NewGuid(), NetworkId = network, Name = $"Borgo Inviti {tag}" };
            db.Comuni.Add(c);
            Alleanza.Web.Platform.Auth.AppUser Person(string? language) => new()
            {
                Id = Guid.NewGuid(), UserName = $"invito-{Guid.NewGuid():N}@esempio.it", Email = $"invito-{Guid.NewGuid():N}@esempio.it", EmailConfirmed = true,
                DisplayName = "Famiglia", Language = language, CreatedAt = DateTime.UtcNow,
            };
            var (en, it) = (Person("en"), Person(null));
            db.Users.AddRange(en, it);
            foreach (var u in new[] { en, it })
                db.Households.Add(new Alleanza.Web.Modules.Families.Household { Id = Guid.NewGuid(), NetworkId = network, OwnerUserId = u.Id, ComuneId = c.Id, PrivacyVersion = "1", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            db.SurveyTranslations.Add(new SurveyTranslation { SurveyId = survey, Language = "en", ItemId = survey, Field = TranslatedField.Title, Text = $"Library {tag}" });
            await db.SaveChangesAsync();
            var boss = await db.Memberships.Where(m => m.NetworkId == network && m.Role == Alleanza.Web.Platform.Auth.NetworkRole.Coordinator).Select(m => m.UserId).FirstAsync();
            return (c.Id, en.Email!, it.Email!, boss);
        });
        using (var scope = factory.Services.CreateScope())
        {
            var (sent, error) = await scope.ServiceProvider.GetRequiredService<InviteHouseholds>().SendAsync(network, "lucca", "Rete di Lucca", survey, new(comune, null, null), coordinator, "Coordinatore");
            Assert.Null(error);
            Assert.Equal(2, sent);
        }
        // The English family: our words in English, the title as translated, the link opening the questionnaire in English.
        var mail = await Mailbox.WaitForAsync(english, $"Questionnaire: Library {tag}");
        Assert.Contains("Dear family,", mail.Text);
        Assert.Contains($"Rete di Lucca invites you to answer the questionnaire «Library {tag}».", mail.Text);
        Assert.Contains("The questionnaire is anonymous", mail.Text);
        Assert.Matches(@"/questionari/[0-9a-f-]+/compila\?rete=lucca&codice=[^&\s]+&culture=en", mail.Text);
        // The Italian family: as before.
        var lettera = await Mailbox.WaitForAsync(italian, "Questionario: Biblioteca");
        Assert.Contains("Gentile famiglia,", lettera.Text);
        Assert.Contains("Il questionario è anonimo", lettera.Text);
        Assert.DoesNotContain("culture=", lettera.Text);
    }

    [Fact]
    public async Task The_coordinator_builds_a_questionnaire_with_a_condition_opens_it_and_its_structure_is_then_locked()
    {
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("lucca");
        var list = await client.GetAsync("/gestione/questionari");
        var created = await client.SubmitAsync(list, new Dictionary<string, string?> { ["Input.Title"] = "Il tempo libero dei bambini" });
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var survey = await client.OpenAsync(created.Location!);
        Assert.Contains("Il tempo libero dei bambini", survey.Text);
        var id = Guid.Parse(created.Location!.Split('/').Last());

        // A question without options is refused with a message next to the field; then a proper one.
        var addLink = survey.Document.QuerySelectorAll("a").First(a => a.TextContent.StartsWith("Aggiungi una domanda")).GetAttribute("href")!;
        var form = await client.GetAsync(addLink);
        var wrong = await client.SubmitAsync(form, new Dictionary<string, string?> { ["Input.Type"] = "SingleChoice", ["Input.Text"] = "Fate sport?", ["Input.Options"] = "Sì" });
        Assert.Contains("Scrivete almeno due risposte, una per riga.", wrong.Errors);
        var saved = await client.SubmitAsync(wrong, new Dictionary<string, string?> { ["Input.Type"] = "SingleChoice", ["Input.Text"] = "Fate sport?", ["Input.Options"] = "Sì\nNo", ["Input.Required"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);

        // The second question appears only when the first is «Sì»: the condition lists the earlier choice's options.
        form = await client.GetAsync(addLink);
        var yes = form.Document.QuerySelectorAll("#Input_ConditionOptionId option").First(o => o.TextContent.Contains("«Sì»")).GetAttribute("value");
        saved = await client.SubmitAsync(form, new Dictionary<string, string?> { ["Input.Type"] = "Rating5", ["Input.Text"] = "Quanto vi piace?", ["Input.ConditionOptionId"] = yes });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        survey = await client.GetAsync($"/gestione/questionari/{id}");
        Assert.Contains("Compare solo se «Fate sport?» è «Sì»", survey.Text);

        // The preview branches like the real thing: «No» skips the conditional question.
        var preview = await client.GetAsync($"/gestione/questionari/{id}/anteprima");
        var sport = await factory.WithDbAsync(db => db.SurveyQuestions.Where(q => q.SurveyId == id && q.Type == QuestionType.SingleChoice).Select(q => q.Id).FirstAsync());
        Assert.Contains("Quanto vi piace?", preview.Text);

        // Opened, twice at once: one opening, and the structure is locked.
        var statuses = await Concurrently.SendAsync(Concurrently.Twins, async () =>
        {
            var (target, fields) = TestClient.FormOf(survey, new Dictionary<string, string?>(), "#azioni-stato");
            return await client.Http.PostAsync($"/gestione/questionari/{id}?handler=Open", new FormUrlEncodedContent(fields));
        });
        Assert.Contains(HttpStatusCode.Redirect, statuses);
        Assert.Equal(SurveyStatus.Open, await factory.WithDbAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.Status).FirstAsync()));
        form = await client.GetAsync(addLink);
        Assert.Contains(BuildSurvey.Locked, form.Text);
        var refused = await client.SubmitAsync(form, new Dictionary<string, string?> { ["Input.Type"] = "ShortText", ["Input.Text"] = "Una domanda in più" });
        Assert.Contains(BuildSurvey.Locked, refused.Errors);
        Assert.Equal(2, await factory.WithDbAsync(db => db.SurveyQuestions.CountAsync(q => q.SurveyId == id)));

        // A copy is a new version in preparation, with the same questions and the condition pointing at its own options.
        survey = await client.GetAsync($"/gestione/questionari/{id}");
        var copied = await PressAsync(client, survey, "Copy", new(), "#azioni-stato");
        Assert.Equal(HttpStatusCode.Redirect, copied.Status);
        var copy = Guid.Parse(copied.Location!.Split('/').Last());
        var (status, version, conditionOk) = await factory.WithDbAsync(async db =>
        {
            var s = await db.Surveys.FirstAsync(x => x.Id == copy);
            var conditional = await db.SurveyQuestions.FirstAsync(q => q.SurveyId == copy && q.ConditionOptionId != null);
            var ok = await db.SurveyOptions.AnyAsync(o => o.Id == conditional.ConditionOptionId && db.SurveyQuestions.Any(q => q.Id == o.QuestionId && q.SurveyId == copy));
            return (s.Status, s.VersionNumber, ok);
        });
        Assert.Equal((SurveyStatus.Draft, 2, true), (status, version, conditionOk));
        _ = sport;
    }

    [Fact]
    public async Task A_family_answers_a_section_a_page_the_server_skips_what_does_not_apply_and_it_can_stop_and_resume()
    {
        var s = await BuildAsync();
        var code = await NewCodeAsync(s.Survey);
        var client = await FamilyAsync();
        var page = await client.GetAsync($"/questionari/{s.Survey}/compila?codice={code}");
        Assert.Contains("Usate la biblioteca?", page.Text);
        Assert.Contains("Quanto spesso?", page.Text); // shown with the section; the server ignores it unless «Sì»

        // «Avanti» without the required answer: the message is next to the question.
        var next = await PressAsync(client, page, "Next", new() { ["codice"] = code });
        Assert.Contains("Questa risposta è obbligatoria.", next.Errors);

        // «No»: the conditional question is dropped and the conditional section skipped.
        next = await PressAsync(client, page, "Next", new() { [F(s.Uses)] = s.No.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, next.Status);
        page = await client.OpenAsync(next.Location!);
        Assert.Contains("In generale", page.Text);
        Assert.DoesNotContain("Che cosa prendete in prestito?", page.Text);

        // Stop: the answers so far wait against the code; a fresh visit resumes where the family stopped.
        var stopped = await PressAsync(client, page, "Stop", new() { [F(s.Rating)] = "8" });
        Assert.Contains("Risposte salvate", stopped.Text);
        Assert.Contains(code, stopped.Text);
        var other = await FamilyAsync();
        var resumed = await other.GetAsync($"/questionari/{s.Survey}/compila?codice={code.ToLowerInvariant().Replace("-", " ")}");
        Assert.Contains("In generale", resumed.Text);
        Assert.Equal("8", resumed.Document.QuerySelector($"input[name='{F(s.Rating)}'][checked]")?.GetAttribute("value"));

        // Back to the first section, change to «Sì»: now the conditional section comes.
        var back = await PressAsync(other, resumed, "Back", new());
        page = await other.OpenAsync(back.Location!);
        Assert.Contains("Usate la biblioteca?", page.Text);
        next = await PressAsync(other, page, "Next", new() { [F(s.Uses)] = s.Yes.ToString(), [F(s.HowOften)] = "9" });
        Assert.Contains("Scrivete un numero da 1 a 5.", next.Errors);
        next = await PressAsync(other, next, "Next", new() { [F(s.Uses)] = s.Yes.ToString(), [F(s.HowOften)] = "4" });
        page = await other.OpenAsync(next.Location!);
        Assert.Contains("Che cosa prendete in prestito?", page.Text);
        next = await PressAsync(other, page, "Next", new());
        page = await other.OpenAsync(next.Location!);
        next = await PressAsync(other, page, "Next", new() { [F(s.Text)] = "Più aperture il sabato" });
        page = await other.OpenAsync(next.Location!);
        Assert.Contains("Fine del questionario", page.Text);
        var sent = await PressAsync(other, page, "Submit", new());
        Assert.Equal($"/questionari/{s.Survey}/grazie", sent.Location);

        var (answers, used, draft) = await factory.WithDbAsync(async db =>
        {
            var response = await db.SurveyResponses.SingleAsync(r => r.SurveyId == s.Survey);
            var rows = await db.SurveyAnswers.Where(a => a.ResponseId == response.Id).ToListAsync();
            var codeRow = await db.SurveyCodes.SingleAsync(c => c.SurveyId == s.Survey);
            return (rows, codeRow.Used, codeRow.Draft);
        });
        Assert.True(used);
        Assert.Null(draft);
        Assert.Contains(answers, a => a.QuestionId == s.HowOften && a.Number == 4);
        Assert.Contains(answers, a => a.QuestionId == s.Rating && a.Number == 8);
        Assert.Contains(answers, a => a.QuestionId == s.Text && a.Text == "Più aperture il sabato");

        // The code does not work twice.
        var again = await other.GetAsync($"/questionari/{s.Survey}/compila?codice={code}");
        Assert.Contains(AnswerSurvey.UsedCode, again.Text);
    }

    [Fact]
    public async Task A_code_submits_once_whatever_the_number_of_twin_requests()
    {
        var s = await BuildAsync();
        var code = await NewCodeAsync(s.Survey);
        var client = await FamilyAsync();
        var page = await client.GetAsync($"/questionari/{s.Survey}/compila?codice={code}");
        page = await client.OpenAsync((await PressAsync(client, page, "Next", new() { [F(s.Uses)] = s.No.ToString() })).Location!);
        page = await client.OpenAsync((await PressAsync(client, page, "Next", new() { [F(s.Rating)] = "6" })).Location!);
        Assert.Contains("Fine del questionario", page.Text);
        var auditBefore = await factory.WithDbAsync(db => db.AuditEntries.CountAsync());

        var statuses = await Concurrently.SendAsync(Concurrently.Twins, async () =>
        {
            var (target, fields) = TestClient.FormOf(page, new Dictionary<string, string?>());
            return await client.Http.PostAsync(target.Split('?')[0] + "?handler=Submit", new FormUrlEncodedContent(fields));
        });
        Assert.Single(statuses, st => st == HttpStatusCode.Redirect);
        Assert.Equal(1, await factory.WithDbAsync(db => db.SurveyResponses.CountAsync(r => r.SurveyId == s.Survey)));
        // The submission leaves no trace in the audit log either.
        Assert.Equal(auditBefore, await factory.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    /// <summary>
    /// The anonymity property, on the model itself: the answer tables hold nothing that joins an answer to a code, a
    /// person, a class or a moment (only the day, and the school when figures per school are published); the codes and
    /// participants hold nothing that points to an answer.
    /// </summary>
    [Fact]
    public void No_column_joins_an_answer_to_a_code_a_person_or_a_class()
    {
        using var scope = factory.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<AppDbContext>().Model;
        var allowed = new Dictionary<Type, string[]>
        {
            [typeof(SurveyResponse)] = ["Id", "SurveyId", "SubmittedOn", "SchoolId"],
            [typeof(SurveyAnswer)] = ["Id", "ResponseId", "QuestionId", "OptionId", "Number", "Date", "Text"],
        };
        foreach (var (type, columns) in allowed)
        {
            var entity = model.FindEntityType(type)!;
            Assert.Equal(columns.Order(), entity.GetProperties().Select(p => p.Name).Order());
            // No moment finer than a day.
            Assert.DoesNotContain(entity.GetProperties(), p => p.ClrType == typeof(DateTime) || p.ClrType == typeof(DateTime?) || p.ClrType == typeof(DateTimeOffset));
            // Foreign keys only within the questionnaire: to the survey, or from the answer to its response.
            foreach (var fk in entity.GetForeignKeys())
                Assert.Contains(fk.PrincipalEntityType.ClrType, new[] { typeof(Survey), typeof(SurveyResponse) });
        }
        // Nothing else in the model points to a response or an answer.
        foreach (var entity in model.GetEntityTypes().Where(e => e.ClrType != typeof(SurveyAnswer)))
            Assert.DoesNotContain(entity.GetForeignKeys(), fk => fk.PrincipalEntityType.ClrType is var t && (t == typeof(SurveyResponse) || t == typeof(SurveyAnswer)));
        // Codes: a hash, a used flag, a class or Comune, the draft until submission; no time, no person, no response.
        Assert.Equal(["Channel", "ClassId", "ComuneId", "Draft", "Hash", "Id", "SurveyId", "Used"], model.FindEntityType(typeof(SurveyCode))!.GetProperties().Select(p => p.Name).Order());
        Assert.Equal(["SurveyId", "UserId"], model.FindEntityType(typeof(SurveyParticipant))!.GetProperties().Select(p => p.Name).Order());
        Assert.Equal(["HouseholdId", "SurveyId"], model.FindEntityType(typeof(SurveyInvitation))!.GetProperties().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task An_answer_of_a_school_code_records_the_school_only_when_the_results_are_published_per_school()
    {
        foreach (var perSchool in new[] { false, true })
        {
            var s = await BuildAsync(open: false);
            var network = await NetworkAsync("lucca");
            var school = await factory.WithDbAsync(db => db.Partners.Where(p => p.NetworkId == network && p.Kind == Alleanza.Web.Modules.Network.PartnerKind.School).Select(p => p.Id).FirstAsync());
            List<string> codes = [];
            await factory.WithDbAsync(async db =>
            {
                var survey = await db.Surveys.FirstAsync(x => x.Id == s.Survey);
                survey.PerSchoolResults = perSchool;
                survey.Status = SurveyStatus.Open;
                db.SurveyClasses.Add(new SurveyClass { Id = Guid.NewGuid(), SurveyId = s.Survey, PartnerId = school, Name = "2ª A", Pupils = 3 });
                return await db.SaveChangesAsync();
            });
            var classId = await factory.WithDbAsync(db => db.SurveyClasses.Where(k => k.SurveyId == s.Survey).Select(k => k.Id).FirstAsync());
            using (var scope = factory.Services.CreateScope())
                codes = (await scope.ServiceProvider.GetRequiredService<SchoolCodes>().IssueAsync(s.Survey, classId, null)).Codes!;
            Assert.Equal(3, codes.Count);
            var client = await FamilyAsync();
            var page = await client.GetAsync($"/questionari/{s.Survey}/compila?codice={codes[1]}");
            page = await client.OpenAsync((await PressAsync(client, page, "Next", new() { [F(s.Uses)] = s.No.ToString() })).Location!);
            page = await client.OpenAsync((await PressAsync(client, page, "Next", new() { [F(s.Rating)] = "7" })).Location!);
            Assert.Equal(HttpStatusCode.Redirect, (await PressAsync(client, page, "Submit", new())).Status);
            var recorded = await factory.WithDbAsync(db => db.SurveyResponses.Where(r => r.SurveyId == s.Survey).Select(r => r.SchoolId).SingleAsync());
            Assert.Equal(perSchool ? school : null, recorded);
            using (var scope = factory.Services.CreateScope())
            {
                var row = Assert.Single(await scope.ServiceProvider.GetRequiredService<SchoolCodes>().ClassesAsync(s.Survey));
                Assert.Equal((3, 1), (row.CodesIssued, row.Used));
            }
        }
    }

    [Fact]
    public async Task The_coordinator_prints_the_slips_of_a_class_and_a_printed_code_opens_the_questionnaire()
    {
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("portogruaro");
        var network = await NetworkAsync("portogruaro");
        Guid id;
        using (var scope = factory.Services.CreateScope())
        {
            var build = scope.ServiceProvider.GetRequiredService<BuildSurvey>();
            id = (await build.CreateAsync(network, "Questionario di prova per le classi"))!.Value;
            var section = await scope.ServiceProvider.GetRequiredService<AppDbContext>().SurveySections.Where(x => x.SurveyId == id).Select(x => x.Id).FirstAsync();
            await build.SaveQuestionAsync(network, id, null, new(section, QuestionType.Rating5, "Come va?", "", true, null, null));
            await build.OpenAsync(network, id);
        }
        var page = await client.GetAsync($"/gestione/questionari/{id}/scuole");
        var school = page.Document.QuerySelectorAll("#Input_SchoolId option").First(o => o.TextContent.Contains("Istituto Comprensivo di Portogruaro")).GetAttribute("value");
        var added = await PressAsync(client, page, "Add", new() { ["Input.SchoolId"] = school, ["Input.ClassName"] = "3ª B", ["Input.Pupils"] = "12" });
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        page = await client.GetAsync($"/gestione/questionari/{id}/scuole");
        var print = page.Document.QuerySelectorAll("form").First(f => f.GetAttribute("action")!.Contains("handler=Print"));
        var (_, fields) = TestClient.FormOf(page, new Dictionary<string, string?>(), "form[action*='handler=Print']");
        var pdf = await client.Http.PostAsync(print.GetAttribute("action"), new FormUrlEncodedContent(fields));
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        string text;
        using (var read = UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal(2, read.NumberOfPages); // 12 slips, 10 a page
            text = string.Join(" ", read.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        }
        Assert.Contains("Questionario di prova per le classi", text);
        var codes = System.Text.RegularExpressions.Regex.Matches(text, @"\b[A-Z2-9]{5}-[A-Z2-9]{5}\b").Select(m => m.Value).Distinct().ToList();
        Assert.Equal(12, codes.Count);
        // Only hashes are stored.
        var stored = await factory.WithDbAsync(db => db.SurveyCodes.Where(c => c.SurveyId == id).Select(c => c.Hash).ToListAsync());
        Assert.Equal(12, stored.Count);
        Assert.DoesNotContain(stored, h => codes.Any(c => h.Contains(c.Replace("-", ""))));

        // A second press prints nothing more (the codes of the class are out).
        page = await client.GetAsync($"/gestione/questionari/{id}/scuole");
        Assert.DoesNotContain(page.Document.QuerySelectorAll("form"), f => f.GetAttribute("action")!.Contains("handler=Print") && !f.GetAttribute("action")!.Contains("more="));

        var family = factory.NewClient();
        await family.ChooseNetworkAsync("portogruaro");
        var list = await family.GetAsync("/questionari");
        var opened = await family.SubmitAsync(list, new Dictionary<string, string?> { ["Code"] = codes[3] });
        Assert.Equal(HttpStatusCode.Redirect, opened.Status);
        Assert.Contains("Come va?", (await family.OpenAsync(opened.Location!)).Text);
        var unknown = await family.SubmitAsync(list, new Dictionary<string, string?> { ["Code"] = "AAAAA-AAAAA" });
        Assert.Contains(AnswerSurvey.UnknownCode, unknown.Errors);
    }

    [Fact]
    public async Task The_open_link_gives_each_visitor_a_code_and_another_networks_questionnaire_is_not_found()
    {
        var s = await BuildAsync(open: false);
        await factory.WithDbAsync(async db =>
        {
            var survey = await db.Surveys.FirstAsync(x => x.Id == s.Survey);
            survey.OpenLink = true;
            survey.Status = SurveyStatus.Open;
            return await db.SaveChangesAsync();
        });
        var client = await FamilyAsync();
        var start = await client.GetAsync($"/questionari/{s.Survey}");
        var started = await PressAsync(client, start, "Start", new(), "form[action*='handler=Start']");
        Assert.Equal(HttpStatusCode.Redirect, started.Status);
        Assert.Contains("/compila?codice=", started.Location);
        Assert.Contains("Usate la biblioteca?", (await client.OpenAsync(started.Location!)).Text);

        var elsewhere = factory.NewClient();
        await elsewhere.ChooseNetworkAsync("portogruaro");
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/questionari/{s.Survey}")).Status);
        // Results that are not published are not found either.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/questionari/{s.Survey}/risultati")).Status);
    }

    /// <summary>
    /// Property: whatever the answers, no published figure comes from fewer families than the threshold (a visible
    /// count is 0 or at least the threshold), and in every row of a table «cells + total» never hide exactly one member.
    /// </summary>
    [Fact]
    public async Task No_published_figure_comes_from_fewer_families_than_the_threshold()
    {
        var s = await BuildAsync();
        var threshold = SmallCells.DefaultThreshold;
        var gen = Gen.Choose(0, 9).ArrayOf(11).Select(counts => counts);
        var runs = 0;
        using var scope = factory.Services.CreateScope();
        var results = scope.ServiceProvider.GetRequiredService<SurveyResults>();
        var network = await NetworkAsync("lucca");
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(12), Prop.ForAll(gen.ToArbitrary(), counts =>
        {
            runs++;
            // Replace the questionnaire's answers with counts[i] families rating i (0–10), half of them saying «Sì».
            factory.WithDbAsync(async db =>
            {
                await db.SurveyResponses.Where(r => r.SurveyId == s.Survey).ExecuteDeleteAsync();
                for (var value = 0; value < counts.Length; value++)
                    for (var k = 0; k < counts[value]; k++)
                    {
                        var response = new SurveyResponse { Id = Guid.NewGuid(), SurveyId = s.Survey, SubmittedOn = new DateOnly(2026, 12, 1) };
                        db.SurveyResponses.Add(response);
                        db.SurveyAnswers.Add(new SurveyAnswer { Id = Guid.NewGuid(), ResponseId = response.Id, QuestionId = s.Rating, Number = value });
                        db.SurveyAnswers.Add(new SurveyAnswer { Id = Guid.NewGuid(), ResponseId = response.Id, QuestionId = s.Uses, OptionId = k % 2 == 0 ? s.Yes : s.No });
                    }
                return await db.SaveChangesAsync();
            }).GetAwaiter().GetResult();
            // The app only ever adds responses; the results keep their counts per number of responses, so removing and
            // adding as many again must say so.
            SurveyResults.Forget(s.Survey);
            var definition = SurveyDefinition.LoadAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), network, s.Survey).GetAwaiter().GetResult()!;
            var result = results.ComputeAsync(definition, s.Uses.ToString()).GetAwaiter().GetResult();
            var tables = result.Questions.Where(q => q.Table is not null).Select(q => q.Table!).Concat(result.Cross.Select(c => c.Table)).ToList();
            foreach (var t in tables)
            {
                var figures = t.Cells.Cast<long?>().Concat(t.RowTotals).Concat(t.ColumnTotals).Append(t.Total);
                if (figures.Any(f => f is { } v && v > 0 && v < threshold)) return false;
                for (var r = 0; r < t.Cells.GetLength(0); r++)
                    if (Enumerable.Range(0, t.Cells.GetLength(1)).Count(c => t[r, c] is null) + (t.RowTotals[r] is null ? 1 : 0) == 1) return false;
                for (var c = 0; c < t.Cells.GetLength(1); c++)
                    if (Enumerable.Range(0, t.Cells.GetLength(0)).Count(r => t[r, c] is null) + (t.ColumnTotals[c] is null ? 1 : 0) == 1) return false;
            }
            // A mean only from enough families; the rating's mean from exactly the published total.
            var rating = result.Questions.First(q => q.Question.Id == s.Rating);
            return rating.Mean is null || rating.Answered >= threshold;
        }));
        Assert.Equal(12, runs);
    }

    [Fact]
    public async Task The_results_kept_between_requests_follow_every_new_response_and_crossing()
    {
        var s = await BuildAsync();
        var network = await NetworkAsync("lucca");
        async Task AddAsync(int rating, bool yes) => await factory.WithDbAsync(async db =>
        {
            var response = new SurveyResponse { Id = Guid.NewGuid(), SurveyId = s.Survey, SubmittedOn = new DateOnly(2026, 12, 1) };
            db.SurveyResponses.Add(response);
            db.SurveyAnswers.Add(new SurveyAnswer { Id = Guid.NewGuid(), ResponseId = response.Id, QuestionId = s.Rating, Number = rating });
            db.SurveyAnswers.Add(new SurveyAnswer { Id = Guid.NewGuid(), ResponseId = response.Id, QuestionId = s.Uses, OptionId = yes ? s.Yes : s.No });
            return await db.SaveChangesAsync();
        });
        async Task<SurveyResults.Result> ComputeAsync(string? crossBy = null)
        {
            using var scope = factory.Services.CreateScope();
            var definition = (await SurveyDefinition.LoadAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), network, s.Survey))!;
            return await scope.ServiceProvider.GetRequiredService<SurveyResults>().ComputeAsync(definition, crossBy);
        }
        long? Count(SurveyResults.Result r, int rating) => r.Questions.First(q => q.Question.Id == s.Rating).Count(rating);

        for (var i = 0; i < 10; i++) await AddAsync(7, i % 2 == 0);
        var first = await ComputeAsync(s.Uses.ToString());
        Assert.Equal(10, first.Responses);
        Assert.Equal(10, Count(first, 7));
        Assert.Equal(0, Count(first, 8));
        Assert.Equal(10, first.Cross.Single(c => c.Title == "Quanto siete soddisfatti dei servizi?").Table.Total);
        // Read again with no new response: the same figures.
        Assert.Equal(10, Count(await ComputeAsync(), 7));

        // Ten more families rate 8: the next reading counts them, and so does the crossing by «Usate la biblioteca?».
        for (var i = 0; i < 10; i++) await AddAsync(8, i % 2 == 0);
        var second = await ComputeAsync(s.Uses.ToString());
        Assert.Equal(20, second.Responses);
        Assert.Equal(10, Count(second, 7));
        Assert.Equal(10, Count(second, 8));
        var crossed = second.Cross.Single(c => c.Title == "Quanto siete soddisfatti dei servizi?");
        Assert.Equal(20, crossed.Table.Total);
        Assert.Equal(5, crossed.Table[0, 8]); // «Sì» and 8
        Assert.Equal(5, crossed.Table[1, 7]); // «No» and 7
    }

    [Fact]
    public async Task The_exports_open_and_the_free_texts_come_apart_from_the_other_answers()
    {
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("portogruaro");
        var id = await factory.WithDbAsync(db => db.Surveys.Where(s => s.Title == Alleanza.Web.Demo.DemoSurveys.PortogruaroTitle).Select(s => s.Id).FirstAsync());
        var responses = await factory.WithDbAsync(db => db.SurveyResponses.CountAsync(r => r.SurveyId == id));
        Assert.True(responses is > 550 and < 700, $"{responses} answers in the demo");

        var page = await client.GetAsync($"/gestione/questionari/{id}/risultati");
        Assert.Contains("Risposte libere (solo per i coordinatori)", page.Text);

        var csv = await (await client.Http.GetAsync($"/gestione/questionari/{id}/risultati?handler=Csv")).Content.ReadAsStringAsync();
        var lines = csv.TrimEnd().Split("\r\n");
        Assert.Equal(responses + 1, lines.Length);
        Assert.StartsWith("n;giorno;scuola;D1;D2;D3;D4;D5_1", lines[0].TrimStart('\uFEFF'));
        Assert.DoesNotContain("D8", lines[0]); // the free text is not among the answers
        var codebook = await (await client.Http.GetAsync($"/gestione/questionari/{id}/risultati?handler=Codebook")).Content.ReadAsStringAsync();
        Assert.Contains("1 = Uno; 2 = Due; 3 = Tre o più", codebook);
        var texts = await (await client.Http.GetAsync($"/gestione/questionari/{id}/risultati?handler=Texts")).Content.ReadAsStringAsync();
        Assert.StartsWith("domanda;testo", texts.TrimStart('\uFEFF'));
        Assert.Equal(2, texts.Split("\r\n")[1].Split(';').Length);

        // The published figures whole (the page shows only the largest of a long list): one line per answer, hidden ones empty.
        var table = (await (await client.Http.GetAsync($"/gestione/questionari/{id}/risultati?handler=Table")).Content.ReadAsStringAsync()).TrimStart('\uFEFF').TrimEnd().Split("\r\n");
        Assert.Equal("domanda;risposta o riga;colonna;famiglie;percentuale", table[0]);
        Assert.Contains(table, l => l.StartsWith("3. Quanti figli avete?;Uno;;"));
        Assert.DoesNotContain(table, l => l.Contains("Più centri estivi"));
        var xlsx = await client.Http.GetAsync($"/gestione/questionari/{id}/risultati?handler=Xlsx");
        using (var book = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            Assert.Equal(["Risposte", "Codebook", "Risultati"], book.Worksheets.Select(w => w.Name));
            Assert.Equal(responses + 1, book.Worksheet("Risposte").LastRowUsed()!.RowNumber());
        }
        var pdf = await client.Http.GetAsync($"/gestione/questionari/{id}/risultati?handler=Pdf");
        using (var read = UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync()))
        {
            var all = string.Join(" ", read.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
            Assert.Contains("Quanti figli avete?", all);
            Assert.Contains("compilati", all);
            Assert.DoesNotContain("Più centri estivi", all); // free texts are never in the report
        }
        // The published page for everyone has the same figures and no free text.
        var family = factory.NewClient();
        await family.ChooseNetworkAsync("portogruaro");
        var published = await family.GetAsync($"/questionari/{id}/risultati");
        Assert.Equal(HttpStatusCode.OK, published.Status);
        Assert.Contains($"{responses} questionari compilati", published.Text.Replace(".", ""));
        Assert.DoesNotContain("Più centri estivi", published.Text);
        var publishedTable = await family.Http.GetAsync($"/questionari/{id}/risultati?handler=Table");
        Assert.Equal(HttpStatusCode.OK, publishedTable.StatusCode);
        Assert.Equal(string.Join("\n", table), (await publishedTable.Content.ReadAsStringAsync()).TrimStart('\uFEFF').TrimEnd().Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task The_response_rates_and_the_answers_feed_the_Piano_Familys_bound_indicators()
    {
        var network = await NetworkAsync("portogruaro");
        var id = await factory.WithDbAsync(db => db.Surveys.Where(s => s.Title == Alleanza.Web.Demo.DemoSurveys.PortogruaroTitle).Select(s => s.Id).FirstAsync());
        var (pupils, used, responses) = await factory.WithDbAsync(async db => (
            await db.SurveyClasses.Where(k => k.SurveyId == id).SumAsync(k => k.Pupils),
            await db.SurveyCodes.CountAsync(c => c.SurveyId == id && c.Used),
            await db.SurveyResponses.CountAsync(r => r.SurveyId == id)));
        using var scope = factory.Services.CreateScope();
        var values = scope.ServiceProvider.GetRequiredService<Alleanza.Web.Modules.Network.Plan.IndicatorValues>();
        var today = RomeDate.Today;
        var period = new Alleanza.Web.Modules.Network.Plan.PlanPeriod(today.AddYears(-1), today.AddDays(1));
        var rate = await values.ComputeAsync(network, null, Alleanza.Web.Modules.Network.Plan.IndicatorMetric.SurveyResponseRate, null, period);
        Assert.Equal((long)Math.Round(100.0 * used / pupils), rate);
        Assert.InRange(rate, 60, 95);
        var answers = await values.ComputeAsync(network, null, Alleanza.Web.Modules.Network.Plan.IndicatorMetric.SurveyAnswers, null, period);
        Assert.Equal(responses, answers);
        // For a Comune: the answers whose Comune is Caorle.
        var caorle = await factory.WithDbAsync(db => db.Comuni.Where(c => c.NetworkId == network && c.Name == "Caorle").Select(c => c.Id).FirstAsync());
        var inCaorle = await factory.WithDbAsync(db => db.SurveyAnswers.CountAsync(a => a.OptionId == caorle));
        Assert.Equal(inCaorle, await values.ComputeAsync(network, caorle, Alleanza.Web.Modules.Network.Plan.IndicatorMetric.SurveyAnswers, null, period));
        // Before the questionnaire was answered, nothing.
        var before = new Alleanza.Web.Modules.Network.Plan.PlanPeriod(today.AddYears(-3), today.AddYears(-2));
        Assert.Equal(0, await values.ComputeAsync(network, null, Alleanza.Web.Modules.Network.Plan.IndicatorMetric.SurveyAnswers, null, before));
        Assert.Equal(0, await values.ComputeAsync(network, null, Alleanza.Web.Modules.Network.Plan.IndicatorMetric.SurveyResponseRate, null, before));
    }

    [Fact]
    public async Task A_matrix_of_scales_and_a_ranking_are_answered_without_script_and_counted_per_item()
    {
        var network = await NetworkAsync("lucca");
        Guid id, matrix, ranking;
        List<Guid> rows, items;
        using (var scope = factory.Services.CreateScope())
        {
            var build = scope.ServiceProvider.GetRequiredService<BuildSurvey>();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            id = (await build.CreateAsync(network, $"Servizi {Guid.NewGuid():N}"))!.Value;
            var section = await db.SurveySections.Where(x => x.SurveyId == id).Select(x => x.Id).FirstAsync();
            Assert.Equal("Options", (await build.SaveQuestionAsync(network, id, null, new(section, QuestionType.Matrix, "Come valutate", "", true, "Asilo nido", null))).Field);
            matrix = (await build.SaveQuestionAsync(network, id, null, new(section, QuestionType.Matrix, "Come valutate questi servizi?", "", true, "Asilo nido\nConsultorio", null))).Id!.Value;
            ranking = (await build.SaveQuestionAsync(network, id, null, new(section, QuestionType.Ranking, "Che cosa conta di più?", "", false, "Orari\nCosti\nVicinanza", null))).Id!.Value;
            Assert.True((await build.OpenAsync(network, id)).Ok);
            rows = await db.SurveyOptions.Where(o => o.QuestionId == matrix).OrderBy(o => o.Position).Select(o => o.Id).ToListAsync();
            items = await db.SurveyOptions.Where(o => o.QuestionId == ranking).OrderBy(o => o.Position).Select(o => o.Id).ToListAsync();
        }
        static string Item(Guid q, Guid item) => "q-" + q.ToString("N") + "-" + item.ToString("N");
        var code = await NewCodeAsync(id);
        var client = await FamilyAsync();
        var page = await client.GetAsync($"/questionari/{id}/compila?codice={code}");
        Assert.Equal(5, page.Document.QuerySelectorAll($"input[type=radio][name='{Item(matrix, rows[0])}']").Length);
        Assert.Equal(4, page.Document.QuerySelectorAll($"select[name='{Item(ranking, items[0])}'] option").Length);

        // One row missing, and two items in the same position: both said next to their question.
        var next = await PressAsync(client, page, "Next", new() { [Item(matrix, rows[0])] = "4", [Item(ranking, items[0])] = "1", [Item(ranking, items[1])] = "1", [Item(ranking, items[2])] = "2" });
        Assert.Contains("Rispondete a ogni riga.", next.Errors);
        Assert.Contains("Ogni posizione si usa una volta sola: due voci hanno la stessa posizione.", next.Errors);
        next = await PressAsync(client, next, "Next", new() { [Item(matrix, rows[0])] = "4", [Item(matrix, rows[1])] = "2", [Item(ranking, items[0])] = "2", [Item(ranking, items[1])] = "1", [Item(ranking, items[2])] = "3" });
        page = await client.OpenAsync(next.Location!);
        Assert.Equal(HttpStatusCode.Redirect, (await PressAsync(client, page, "Submit", new())).Status);
        var stored = await factory.WithDbAsync(db => db.SurveyAnswers.Where(a => a.QuestionId == matrix || a.QuestionId == ranking).Select(a => new { a.OptionId, a.Number }).ToListAsync());
        Assert.Equal(5, stored.Count);
        Assert.Contains(stored, a => a.OptionId == rows[1] && a.Number == 2);
        Assert.Contains(stored, a => a.OptionId == items[1] && a.Number == 1);

        // Results: one answer is below the threshold, so every figure of the grid is hidden; the codebook has a column per item.
        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("lucca");
        var results = await coordinator.GetAsync($"/gestione/questionari/{id}/risultati");
        Assert.Contains("Come valutate questi servizi?", results.Text);
        var table = results.Document.QuerySelectorAll("table").First(t => t.TextContent.Contains("Consultorio"));
        Assert.DoesNotContain(table.QuerySelectorAll("tbody td"), td => td.TextContent.Trim() is "1" or "2" or "4");
        var codebook = await (await coordinator.Http.GetAsync($"/gestione/questionari/{id}/risultati?handler=Codebook")).Content.ReadAsStringAsync();
        Assert.Contains("D1_2;Come valutate questi servizi? — Consultorio", codebook);
        Assert.Contains("posizione da 1 a 3", codebook);
    }

    [Fact]
    public async Task The_coordinator_translates_the_questionnaire_and_a_family_reads_it_in_its_language()
    {
        var s = await BuildAsync();
        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("lucca");
        var page = await coordinator.GetAsync($"/gestione/questionari/{s.Survey}/traduzioni?lingua=en");
        string Field(Guid item, int field) => $"t-{item:N}-{field}";
        var saved = await coordinator.SubmitAsync(page, new Dictionary<string, string?>
        {
            [Field(s.Uses, 1)] = "Do you use the library?", [Field(s.Yes, 1)] = "Yes", [Field(s.No, 1)] = "No",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        page = await coordinator.GetAsync(saved.Location!);
        Assert.Equal("Do you use the library?", page.Document.QuerySelector($"#{Field(s.Uses, 1)}")?.TextContent);

        var code = await NewCodeAsync(s.Survey);
        var family = await FamilyAsync();
        var english = await family.GetAsync($"/questionari/{s.Survey}/compila?codice={code}&culture=en");
        Assert.Contains("Do you use the library?", english.Text);
        Assert.Contains("Quanto spesso?", english.Text); // not translated: stays in Italian
        Assert.Contains("Italiano", english.Text); // the way back to the Italian questionnaire
        var italian = await family.GetAsync($"/questionari/{s.Survey}/compila?codice={code}&culture=it");
        Assert.Contains("Usate la biblioteca?", italian.Text);
        // Answered in English, counted with the others: the answer is the option, not its text.
        english = await family.GetAsync($"/questionari/{s.Survey}/compila?codice={code}&culture=en");
        var next = await PressAsync(family, english, "Next", new() { [F(s.Uses)] = s.No.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, next.Status);
        var draft = await factory.WithDbAsync(db => db.SurveyCodes.Where(c => c.SurveyId == s.Survey).Select(c => c.Draft).SingleAsync());
        Assert.Contains(s.No.ToString(), draft);
    }
}
