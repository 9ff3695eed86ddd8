using Alleanza.Web.Modules.Network;
using Alleanza.Web.Modules.Surveys;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;

namespace Alleanza.Web.Demo;

/// <summary>
/// Questionari: Portogruaro's questionnaire to families through its schools (closed, about 600 answers, results
/// published for everyone, figures per school) and CIdiS's questionnaire to families with children aged 0–2 (open,
/// with a few codes to try, listed in the README).
/// </summary>
public static class DemoSurveys
{
    /// <summary>Codes of CIdiS's open questionnaire that a person trying the demo can type (each works once).</summary>
    public static readonly string[] TryCodes = ["PAPPA-NANNA", "CUCCE-TT234", "GATTA-MAMMA"];

    public const string PortogruaroTitle = "Le famiglie e i servizi del territorio — indagine nelle scuole";
    public const string CidisTitle = "Famiglie con bambini da 0 a 2 anni: servizi, bisogni e sfide";

    sealed class Builder(Guid surveyId)
    {
        public readonly List<SurveySection> Sections = [];
        public readonly List<SurveyQuestion> Questions = [];
        public readonly List<SurveyOption> Options = [];
        SurveySection? current;

        public SurveySection Section(string title, SurveyOption? condition = null)
        {
            current = new SurveySection
            {
                Id = Guid.NewGuid(), SurveyId = surveyId, Position = Sections.Count + 1, Title = title,
                ConditionQuestionId = condition?.QuestionId, ConditionOptionId = condition?.Id,
            };
            Sections.Add(current);
            return current;
        }

        public (SurveyQuestion Q, List<SurveyOption> O) Question(QuestionType type, string text, bool required = true, string help = "", params string[] options)
        {
            var q = new SurveyQuestion
            {
                Id = Guid.NewGuid(), SurveyId = surveyId, SectionId = current!.Id, Position = Questions.Count(x => x.SectionId == current.Id) + 1,
                Type = type, Text = text, Help = help, Required = required,
            };
            Questions.Add(q);
            var list = options.Select((o, i) => new SurveyOption { Id = Guid.NewGuid(), QuestionId = q.Id, Position = i + 1, Text = o }).ToList();
            Options.AddRange(list);
            return (q, list);
        }

        public void AddTo(AppDbContext db)
        {
            db.SurveySections.AddRange(Sections);
            db.SurveyQuestions.AddRange(Questions);
            db.SurveyOptions.AddRange(Options);
        }
    }

    public static async Task AddAsync(AppDbContext db, Dictionary<string, AllianceNetwork> networks, Dictionary<string, List<Partner>> partners, DateTime now)
    {
        var random = new Random(18);
        await PortogruaroAsync(db, networks["portogruaro"], partners["portogruaro"], random, now);
        // The family association of referente@portogruaro.demo may build its own questionnaires.
        db.SurveyPartners.Add(new SurveyPartner
        {
            NetworkId = networks["portogruaro"].Id, PartnerId = partners["portogruaro"].First(p => p.Kind == PartnerKind.FamilyAssociation).Id, AllowedAt = now,
        });
        await CidisAsync(db, networks["cidis"], random, now);
    }

    static T Pick<T>(Random random, IReadOnlyList<T> items, params double[] weights)
    {
        if (weights.Length == 0) return items[random.Next(items.Count)];
        var x = random.NextDouble() * weights.Sum();
        for (var i = 0; i < items.Count; i++) { x -= weights[Math.Min(i, weights.Length - 1)]; if (x <= 0) return items[i]; }
        return items[^1];
    }

    static async Task PortogruaroAsync(AppDbContext db, AllianceNetwork network, List<Partner> partners, Random random, DateTime now)
    {
        var survey = new Survey
        {
            Id = Guid.NewGuid(), NetworkId = network.Id, Title = PortogruaroTitle, Status = SurveyStatus.Closed, PerSchoolResults = true, ResultsAudience = ResultsAudience.Public,
            Intro = "Per ascoltare la voce delle famiglie, l'Alleanza propone questo breve questionario attraverso le scuole del territorio. Bastano 5 minuti; le risposte sono anonime.",
            CreatedAt = now.AddDays(-75), OpenedAt = now.AddDays(-60), ClosedAt = now.AddDays(-20),
        };
        db.Surveys.Add(survey);
        var b = new Builder(survey.Id);
        b.Section("La vostra famiglia");
        var comune = b.Question(QuestionType.Comune, "In quale Comune abitate?");
        var age = b.Question(QuestionType.ChildAge, "Quanti anni ha il figlio o la figlia che vi ha portato questo foglietto?");
        var children = b.Question(QuestionType.SingleChoice, "Quanti figli avete?", options: ["Uno", "Due", "Tre o più"]);
        b.Section("I servizi del territorio");
        var satisfaction = b.Question(QuestionType.Rating5, "Quanto siete soddisfatti dei servizi per le famiglie del vostro Comune?");
        var used = b.Question(QuestionType.MultipleChoice, "Quali servizi avete usato nell'ultimo anno?", false, "Potete sceglierne più di uno.",
            "Centro estivo", "Doposcuola", "Ludoteca o biblioteca ragazzi", "Consultorio familiare", "Sportello per le famiglie");
        var card = b.Question(QuestionType.SingleChoice, "Conoscete la Carta Famiglia?", options: ["Sì, la uso", "Sì, ma non la uso", "No"]);
        b.Section("La Carta Famiglia", card.O[0]);
        var recommend = b.Question(QuestionType.Rating10, "Quanto consigliereste la Carta Famiglia a un'altra famiglia?");
        b.Section("Le vostre idee");
        var ideas = b.Question(QuestionType.LongText, "Che cosa vorreste per le famiglie del territorio?", false);
        b.AddTo(db);

        // The classes of four partner schools, their codes (hashes of codes nobody keeps) and about 600 used.
        var schools = partners.Where(p => p.Kind == PartnerKind.School).Take(4).ToList();
        var classes = new List<SurveyClass>();
        foreach (var school in schools)
            foreach (var year in new[] { "1ª", "2ª", "3ª", "4ª", "5ª" })
                foreach (var letter in new[] { "A", "B" })
                    classes.Add(new SurveyClass { Id = Guid.NewGuid(), SurveyId = survey.Id, PartnerId = school.Id, Name = $"{year} {letter}", Pupils = 18 + random.Next(9) });
        var codes = new List<SurveyCode>();
        var responses = new List<SurveyResponse>();
        var answers = new List<SurveyAnswer>();
        var comuni = network.Comuni.OrderBy(c => c.Name).ToList();
        var nearSchool = comuni.Where(c => c.Name is "Portogruaro" or "Concordia Sagittaria" or "Caorle" or "Fossalta di Portogruaro" or "Gruaro").ToList();
        string[] ideaTexts =
        [
            "Più centri estivi a prezzi accessibili.", "Un doposcuola anche il venerdì.", "Spazi gioco coperti per l'inverno.", "Orari degli uffici più comodi per chi lavora.",
            "Più informazioni sulle attività per i ragazzi.", "Trasporti per le attività sportive.", "Corsi per genitori la sera.", "Parchi più curati.",
        ];
        foreach (var k in classes)
        {
            k.CodesIssued = k.Pupils;
            var rate = 0.7 + random.NextDouble() * 0.2;
            for (var i = 0; i < k.Pupils; i++)
            {
                var isUsed = random.NextDouble() < rate;
                codes.Add(new SurveyCode
                {
                    Id = Guid.NewGuid(), SurveyId = survey.Id, Hash = SurveyCodes.Hash(SurveyCodes.Normalize(SurveyCodes.NewCode())!), Channel = CodeChannel.School, ClassId = k.Id, Used = isUsed,
                });
                if (!isUsed) continue;
                var response = new SurveyResponse
                {
                    Id = Guid.NewGuid(), SurveyId = survey.Id, SchoolId = k.PartnerId,
                    SubmittedOn = DateOnly.FromDateTime(survey.OpenedAt!.Value.ToRome()).AddDays(random.Next(40)),
                };
                responses.Add(response);
                SurveyAnswer A(SurveyQuestion q) => new() { Id = Guid.NewGuid(), ResponseId = response.Id, QuestionId = q.Id };
                var a = A(comune.Q); a.OptionId = Pick(random, nearSchool, 5, 2, 2, 1, 1).Id; answers.Add(a);
                var ageAnswer = A(age.Q); ageAnswer.Number = 3 + random.Next(11); answers.Add(ageAnswer);
                var c = A(children.Q); c.OptionId = Pick(random, children.O, 3, 5, 2).Id; answers.Add(c);
                var s = A(satisfaction.Q); s.Number = Pick(random, [1, 2, 3, 4, 5], 1, 2, 5, 6, 3); answers.Add(s);
                foreach (var (option, chance) in used.O.Zip(new[] { 0.45, 0.3, 0.35, 0.12, 0.08 }))
                    if (random.NextDouble() < chance) { var u = A(used.Q); u.OptionId = option.Id; answers.Add(u); }
                var knows = Pick(random, card.O, 3, 3, 4);
                var k2 = A(card.Q); k2.OptionId = knows.Id; answers.Add(k2);
                if (knows == card.O[0]) { var r = A(recommend.Q); r.Number = Pick(random, Enumerable.Range(0, 11).ToList(), 1, 1, 1, 1, 2, 4, 6, 9, 10, 7, 5); answers.Add(r); }
                if (random.NextDouble() < 0.15) { var t = A(ideas.Q); t.Text = Pick(random, ideaTexts); answers.Add(t); }
            }
        }
        db.SurveyClasses.AddRange(classes);
        db.SurveyCodes.AddRange(codes);
        db.SurveyResponses.AddRange(responses);
        db.SurveyAnswers.AddRange(answers);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    static async Task CidisAsync(AppDbContext db, AllianceNetwork network, Random random, DateTime now)
    {
        var survey = new Survey
        {
            Id = Guid.NewGuid(), NetworkId = network.Id, Title = CidisTitle, Status = SurveyStatus.Open, OpenLink = true,
            Intro = "Un questionario online per tutte le famiglie residenti con figli da 0 a 2 anni: la vostra opinione sui servizi del territorio, i vostri bisogni e le sfide dell'essere genitori. Le risposte sono anonime.",
            CreatedAt = now.AddDays(-20), OpenedAt = now.AddDays(-10),
        };
        db.Surveys.Add(survey);
        var b = new Builder(survey.Id);
        b.Section("Voi e il vostro bambino");
        var comune = b.Question(QuestionType.Comune, "In quale Comune abitate?");
        var age = b.Question(QuestionType.ChildAge, "Quanti anni ha il vostro bambino o la vostra bambina più piccola?", help: "Meno di 1 anno si indica con «meno di 1 anno».");
        var who = b.Question(QuestionType.SingleChoice, "Chi risponde al questionario?", options: ["La mamma", "Il papà", "Un'altra persona della famiglia"]);
        b.Section("I servizi");
        var services = b.Question(QuestionType.MultipleChoice, "Quali servizi avete usato?", false, "",
            "Asilo nido", "Consultorio pediatrico", "Centro per le famiglie", "Biblioteca (spazio bebè)", "Nessuno");
        var satisfaction = b.Question(QuestionType.Rating5, "Quanto siete soddisfatti dei servizi per la prima infanzia?");
        b.Section("Essere genitori");
        var challenges = b.Question(QuestionType.MultipleChoice, "Quali sono le sfide più grandi in questo periodo?", false, "",
            "Conciliare lavoro e famiglia", "I costi", "Sentirsi soli", "Trovare informazioni sui servizi", "Il sonno");
        b.Question(QuestionType.LongText, "C'è qualcosa che vorreste dirci?", false);
        b.AddTo(db);

        db.SurveyCodes.AddRange(TryCodes.Select(code => new SurveyCode
        {
            Id = Guid.NewGuid(), SurveyId = survey.Id, Hash = SurveyCodes.Hash(SurveyCodes.Normalize(code)!), Channel = CodeChannel.Invitation,
            ComuneId = network.Comuni.OrderBy(c => c.Name).First().Id,
        }));
        // A first few dozen answers from the open link.
        var comuni = network.Comuni.OrderBy(c => c.Name).ToList();
        for (var i = 0; i < 48; i++)
        {
            var response = new SurveyResponse { Id = Guid.NewGuid(), SurveyId = survey.Id, SubmittedOn = DateOnly.FromDateTime(now.ToRome()).AddDays(-random.Next(10)) };
            db.SurveyResponses.Add(response);
            db.SurveyCodes.Add(new SurveyCode { Id = Guid.NewGuid(), SurveyId = survey.Id, Hash = SurveyCodes.Hash(SurveyCodes.Normalize(SurveyCodes.NewCode())!), Channel = CodeChannel.OpenLink, Used = true });
            SurveyAnswer A(SurveyQuestion q) => new() { Id = Guid.NewGuid(), ResponseId = response.Id, QuestionId = q.Id };
            var c = A(comune.Q); c.OptionId = Pick(random, comuni).Id; db.SurveyAnswers.Add(c);
            var a = A(age.Q); a.Number = random.Next(3); db.SurveyAnswers.Add(a);
            var w = A(who.Q); w.OptionId = Pick(random, who.O, 7, 2, 1).Id; db.SurveyAnswers.Add(w);
            foreach (var (option, chance) in services.O.Take(4).Zip(new[] { 0.4, 0.6, 0.2, 0.15 }))
                if (random.NextDouble() < chance) { var s = A(services.Q); s.OptionId = option.Id; db.SurveyAnswers.Add(s); }
            var sat = A(satisfaction.Q); sat.Number = Pick(random, [1, 2, 3, 4, 5], 1, 2, 4, 5, 2); db.SurveyAnswers.Add(sat);
            foreach (var (option, chance) in challenges.O.Zip(new[] { 0.6, 0.45, 0.2, 0.3, 0.35 }))
                if (random.NextDouble() < chance) { var ch = A(challenges.Q); ch.OptionId = option.Id; db.SurveyAnswers.Add(ch); }
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}
