using Alleanza.Web.Modules.Families;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Notifications;
using Alleanza.Web.Modules.FamilyCard.Residence;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>Who decides: the network, and the Comune an officer is bound to (null = every Comune: coordinators, administrators).</summary>
public sealed record OfficeScope(Guid NetworkId, Guid? ComuneId, Guid UserId, string UserName)
{
    public bool Covers(Guid networkId, Guid comuneId) => networkId == NetworkId && (ComuneId is null || ComuneId == comuneId);
}

/// <summary>Applications (the family applies, the officer of its Comune decides) and the cards' life: issue, suspend, revoke, replace, renew.</summary>
public sealed class CardApplications(AppDbContext db, Households households, HouseholdEligibility eligibility, TimeProvider clock, AuditLog audit, NotificationService notifications,
    Residence.IResidenceCheck residence, ILogger<CardApplications> log)
{
    /// <summary>What the family declares with the application (and may correct when the officer asks for more).</summary>
    public sealed record Evidence(string? ResidenceAddress, string? IseeProtocol, DateOnly? IseeProtocolDate);

    /// <summary>A file the family attaches: its kind and bytes (the page refuses files over the limit before reading them).</summary>
    public sealed record Upload(ApplicationDocumentKind? Kind, string? FileName, byte[] Content);

    /// <summary>The result of the family's steps: field errors keyed "ResidenceAddress", "IseeProtocol", "IseeProtocolDate", "Files", "Answer", or "" for the whole.</summary>
    public sealed record Outcome(Dictionary<string, string> Errors)
    {
        public bool Ok => Errors.Count == 0;
        public static Outcome Fail(string message, string field = "") => new(new Dictionary<string, string> { [field] = message });
        public static Outcome Success => new(new Dictionary<string, string>());
    }

    const string AlreadyPending = "C'è già una domanda in attesa di decisione.";

    /// <summary>Checks what the family declares against the network's rules. Attachments are required only at the first application.</summary>
    public Dictionary<string, string> Validate(CardRules rules, Evidence evidence, IReadOnlyList<Upload> uploads, bool requireAttachments)
    {
        var errors = new Dictionary<string, string>();
        var address = Text.Clean(evidence.ResidenceAddress);
        if (address is null) errors["ResidenceAddress"] = Tr.Get("Scrivete l'indirizzo di residenza (via e numero civico).");
        else if (address.Length > 200) errors["ResidenceAddress"] = Tr.Get("L'indirizzo può avere al massimo 200 caratteri.");
        else if (!address.Any(char.IsDigit)) errors["ResidenceAddress"] = Tr.Get("Manca il numero civico: scrivete via e numero, per esempio «Via Roma 12».");
        var today = RomeTime.Today(clock);
        if (rules.UsesIsee)
        {
            if (IseeProtocols.Normalize(evidence.IseeProtocol) is not { } protocol) errors["IseeProtocol"] = Tr.Get("La rete chiede l'ISEE: scrivete il numero di protocollo dell'attestazione (INPS-ISEE-…).");
            else if (IseeProtocols.Problem(protocol) is { } problem) errors["IseeProtocol"] = problem;
            if (evidence.IseeProtocolDate is not DateOnly date) errors["IseeProtocolDate"] = Tr.Get("Indicate la data dell'attestazione ISEE.");
            else if (date > today) errors["IseeProtocolDate"] = Tr.Get("La data dell'attestazione ISEE non può essere nel futuro.");
            else if (date.Year < today.Year) errors["IseeProtocolDate"] = Tr.Get("L'attestazione ISEE vale fino al 31 dicembre dell'anno in cui è rilasciata: serve quella di quest'anno.");
            else if (!errors.ContainsKey("IseeProtocol") && IseeProtocols.Year(IseeProtocols.Normalize(evidence.IseeProtocol)!) != date.Year)
                errors["IseeProtocol"] = Tr.Get("L'anno nel numero di protocollo non è quello della data dell'attestazione: controllate l'uno e l'altra.");
        }
        if (uploads.Count > ApplicationFiles.MaxFiles) errors["Files"] = Tr.Get("Potete allegare al massimo {0} file alla volta.", ApplicationFiles.MaxFiles);
        else
            foreach (var upload in uploads)
            {
                var name = Path.GetFileName((upload.FileName ?? "").Replace('\\', '/'));
                if (upload.Kind is not ApplicationDocumentKind kind || !Enum.IsDefined(kind)) { errors["Files"] = Tr.Get("Dite che documento è «{0}».", name); break; }
                if (ApplicationFiles.Problem(upload.Content.LongLength, ApplicationFiles.Inspect(upload.Content)) is { } problem) { errors["Files"] = $"«{name}»: {problem}"; break; }
            }
        if (requireAttachments && rules.AttachmentsRequired && uploads.Count == 0 && !errors.ContainsKey("Files"))
            errors["Files"] = rules.AttachmentsHint is { } hint ? Tr.Get("La rete chiede di allegare: {0}.", hint) : Tr.Get("La rete chiede di allegare i documenti alla domanda.");
        return errors;
    }

    void AddDocuments(CardApplication application, Guid userId, IReadOnlyList<Upload> uploads, DateTime now)
    {
        foreach (var upload in uploads)
        {
            var kind = ApplicationFiles.Inspect(upload.Content)!;
            db.CardApplicationDocuments.Add(new CardApplicationDocument
            {
                Id = Guid.NewGuid(), NetworkId = application.NetworkId, ApplicationId = application.Id, Kind = upload.Kind!.Value,
                FileName = Platform.Files.FileKinds.SafeName(upload.FileName, kind), ContentType = kind.ContentType, Size = upload.Content.LongLength,
                Content = upload.Content, UploadedByUserId = userId, UploadedAt = now,
            });
        }
    }

    /// <summary>The residence check for the household's applicant (the adult whose code a digital identity verified, else the eldest with a code).</summary>
    async Task<ResidenceResult> CheckResidenceAsync(Household household, string? address)
    {
        var comune = await db.Comuni.AsNoTracking().Where(c => c.Id == household.ComuneId).Select(c => new { c.Name, c.IstatCode }).FirstAsync();
        var applicant = household.Members.Where(m => m.Role == MemberRole.Adult && m.FiscalCode != null)
            .OrderByDescending(m => m.FiscalCodeVerifiedAt != null).ThenBy(m => m.BirthDate).FirstOrDefault();
        try { return await residence.CheckAsync(new(household.NetworkId, comune.Name, comune.IstatCode, applicant?.FiscalCode, address)); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An adapter's bug must not stop the application: the officer checks by hand.
            log.LogError(e, "Controllo della residenza non riuscito");
            return new(ResidenceCheckOutcome.Unavailable, "Il controllo della residenza non è riuscito: controllatela nell'anagrafe.");
        }
    }

    /// <summary>Applies for the signed-in family, with what it declares and attaches. Returns field errors (none on success).</summary>
    /// <summary>The language a person reads mails in.</summary>
    Task<string?> LanguageOfAsync(Guid userId) => db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Language).FirstOrDefaultAsync();

    public async Task<Outcome> ApplyAsync(Guid networkId, Guid userId, Evidence? evidence = null, IReadOnlyList<Upload>? uploads = null)
    {
        evidence ??= new(null, null, null);
        uploads ??= [];
        var household = await households.MineAsync(networkId, userId);
        if (household is null) return Outcome.Fail(Tr.Get("Registrate prima il vostro nucleo familiare."));
        if (await db.CardApplications.AnyAsync(a => a.HouseholdId == household.Id && (a.Status == ApplicationStatus.Submitted || a.Status == ApplicationStatus.InformationRequested)))
            return Outcome.Fail(Tr.Get(AlreadyPending));
        var now = clock.GetUtcNow().UtcDateTime;
        var adultIds = household.Members.Where(m => m.Role == MemberRole.Adult).Select(m => m.Id).ToList();
        var holding = await db.Cards.CountAsync(c => adultIds.Contains(c.MemberId) && c.Status == CardStatus.Active && c.ValidUntil > now);
        if (adultIds.Count > 0 && holding >= adultIds.Count) return Outcome.Fail(Tr.Get("Ogni adulto del nucleo ha già una carta valida."));
        var verdict = await eligibility.EvaluateAsync(household);
        if (!verdict.Eligible) return Outcome.Fail(Tr.Get("Il nucleo non ha i requisiti:") + " " + verdict.Summary);
        var rules = await eligibility.RulesAsync(networkId);
        var errors = Validate(rules, evidence, uploads, requireAttachments: true);
        if (errors.Count > 0) return new(errors);

        var address = Text.Clean(evidence.ResidenceAddress);
        var check = await CheckResidenceAsync(household, address);
        var application = new CardApplication
        {
            Id = Guid.NewGuid(), NetworkId = networkId, HouseholdId = household.Id, ComuneId = household.ComuneId,
            Status = ApplicationStatus.Submitted, SubmittedAt = now, EligibilitySummary = verdict.Summary,
            ResidenceAddress = address, ResidenceCheck = check.Outcome, ResidenceCheckedAt = now, ResidenceCheckNote = Trim(check.Note, 300),
            IseeProtocol = rules.UsesIsee ? IseeProtocols.Normalize(evidence.IseeProtocol) : null,
            IseeProtocolDate = rules.UsesIsee ? evidence.IseeProtocolDate : null,
        };
        db.CardApplications.Add(application);
        AddDocuments(application, userId, uploads, now);
        audit.Add("card.applied", "CardApplication", application.Id, uploads.Count > 0 ? $"{uploads.Count} allegati" : null, networkId);
        // One pending application per household (a unique index): a twin request that got here first holds it.
        if (!await db.TrySaveAsync()) return Outcome.Fail(Tr.Get(AlreadyPending));

        if (rules.AutoApprove)
        {
            await DecideAsync(application.Id, new OfficeScope(networkId, null, userId, "approvazione automatica"), approve: true, "Approvata automaticamente: requisiti verificati dalla piattaforma.");
            return Outcome.Success;
        }
        var slug = await SlugAsync(networkId);
        using (Languages.Use(await LanguageOfAsync(userId)))
            await notifications.NotifyAsync(new(NotificationKinds.CardApplication.Key, networkId, [userId], Tr.Get("Domanda di Carta Famiglia ricevuta"),
                Tr.Get("Abbiamo ricevuto la vostra domanda di Carta Famiglia. L'ufficio del vostro Comune la valuterà e vi scriveremo appena sarà decisa."),
                $"/carta-famiglia/domanda?rete={slug}") { LinkLabel = Tr.Get("Vedi la domanda") });
        var comune = await db.Comuni.AsNoTracking().Where(c => c.Id == household.ComuneId).Select(c => c.Name).FirstOrDefaultAsync();
        // The officers, each in their language; the eligibility summary as recorded with the application.
        await notifications.NotifyAsync(await OfficersAsync(networkId, household.ComuneId), to => new Notice(NotificationKinds.CardApplicationReceived.Key, networkId, to,
            Tr.Get("Nuova domanda di Carta Famiglia da {0}", comune),
            Tr.Get("Una famiglia residente a {0} ha presentato una domanda di Carta Famiglia.", comune) + "\n\n" + Tr.Get("Verifica dei requisiti fatta dalla piattaforma: {0}", verdict.Summary),
            $"/gestione/carta-famiglia/domande/{application.Id}?rete={slug}") { LinkLabel = Tr.Get("Valuta la domanda") });
        return Outcome.Success;
    }

    /// <summary>The municipal officers of the Comune (and those who cover every Comune of the network): they decide its applications.</summary>
    Task<List<Guid>> OfficersAsync(Guid networkId, Guid comuneId) => db.Memberships.AsNoTracking()
        .Where(m => m.NetworkId == networkId && m.Role == NetworkRole.MunicipalOfficer && (m.ComuneId == null || m.ComuneId == comuneId))
        .Select(m => m.UserId).Distinct().ToListAsync();

    static string? Trim(string? text, int max) => text is null ? null : text.Length > max ? text[..max] : text;

    /// <summary>
    /// The officer asks the family for more (a document, the ISEE protocol, a correction): the application goes back to the
    /// family with <paramref name="request"/> until it answers. Only a submitted application; of two requests at once, one counts.
    /// </summary>
    public async Task<string?> RequestInformationAsync(Guid applicationId, OfficeScope scope, string? request)
    {
        request = Text.Clean(request);
        if (request is null) return Tr.Get("Scrivete che cosa serve: la famiglia leggerà la richiesta.");
        if (request.Length > 2000) return Tr.Get("La richiesta può avere al massimo 2000 caratteri.");
        var application = await db.CardApplications.FirstOrDefaultAsync(a => a.Id == applicationId);
        if (application is null || !scope.Covers(application.NetworkId, application.ComuneId)) return Tr.Get("Domanda non trovata.");
        if (application.Status == ApplicationStatus.InformationRequested) return Tr.Get("Le integrazioni sono già state richieste: si aspetta la risposta della famiglia.");
        if (application.Status != ApplicationStatus.Submitted) return Tr.Get("La domanda è già stata decisa.");
        var now = clock.GetUtcNow().UtcDateTime;
        application.Status = ApplicationStatus.InformationRequested;
        application.InformationRequest = request;
        application.InformationRequestedAt = now;
        application.InformationRequestedByName = Trim(scope.UserName, 256);
        application.RequestCount++;
        audit.Add("card.application-info-requested", "CardApplication", application.Id, request, application.NetworkId);
        // Conditional on the application's version: of two requests at once, one changes the state; the other is told.
        if (!await db.TrySaveAsync()) return Tr.Get("Le integrazioni sono già state richieste: si aspetta la risposta della famiglia.");
        var owner = await db.Households.AsNoTracking().Where(h => h.Id == application.HouseholdId).Select(h => h.OwnerUserId).FirstAsync();
        var requestSlug = await SlugAsync(application.NetworkId);
        using (Languages.Use(owner is Guid reader ? await LanguageOfAsync(reader) : null))
            await notifications.NotifyAsync(new(NotificationKinds.CardApplication.Key, application.NetworkId, owner is Guid o ? [o] : [],
                Tr.Get("Carta Famiglia: il Comune chiede altre informazioni"),
                Tr.Get("L'ufficio del Comune ha esaminato la vostra domanda di Carta Famiglia e chiede altre informazioni prima di decidere:") + $"\n\n«{request}»\n\n"
                + Tr.Get("Rispondete dalla pagina della domanda: potete correggere i dati e allegare documenti."),
                $"/carta-famiglia/domanda?rete={requestSlug}") { LinkLabel = Tr.Get("Rispondi al Comune") });
        return null;
    }

    /// <summary>
    /// The family answers the officer's request: a message and/or files, and the declared data corrected; the application goes
    /// back to the officer. Of two answers at once, one is saved (with its files) and the other is told.
    /// </summary>
    public async Task<Outcome> AnswerAsync(Guid networkId, Guid userId, Guid applicationId, string? answer, Evidence evidence, IReadOnlyList<Upload> uploads)
    {
        var application = await db.CardApplications.FirstOrDefaultAsync(a => a.Id == applicationId && a.NetworkId == networkId
            && db.Households.Any(h => h.Id == a.HouseholdId && h.OwnerUserId == userId));
        if (application is null) return Outcome.Fail(Tr.Get("Domanda non trovata."));
        if (application.Status != ApplicationStatus.InformationRequested) return Outcome.Fail(Tr.Get("La risposta è già stata inviata, o la domanda è già stata decisa."));
        answer = Text.Clean(answer);
        var rules = await eligibility.RulesAsync(networkId);
        var errors = Validate(rules, evidence, uploads, requireAttachments: false);
        if (answer?.Length > 2000) errors["Answer"] = Tr.Get("La risposta può avere al massimo 2000 caratteri.");
        else if (answer is null && uploads.Count == 0) errors["Answer"] = Tr.Get("Scrivete una risposta al Comune o allegate un documento.");
        if (errors.Count > 0) return new(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var household = await db.Households.AsNoTracking().Include(h => h.Members).FirstAsync(h => h.Id == application.HouseholdId);
        var address = Text.Clean(evidence.ResidenceAddress);
        if (address != application.ResidenceAddress || application.ResidenceCheck is not ResidenceCheckOutcome.Confirmed)
        {
            var check = await CheckResidenceAsync(household, address);
            application.ResidenceCheck = check.Outcome;
            application.ResidenceCheckNote = Trim(check.Note, 300);
            application.ResidenceCheckedAt = now;
        }
        application.ResidenceAddress = address;
        application.IseeProtocol = rules.UsesIsee ? IseeProtocols.Normalize(evidence.IseeProtocol) : application.IseeProtocol;
        application.IseeProtocolDate = rules.UsesIsee ? evidence.IseeProtocolDate : application.IseeProtocolDate;
        application.FamilyAnswer = answer;
        application.AnsweredAt = now;
        application.Status = ApplicationStatus.Submitted;
        AddDocuments(application, userId, uploads, now);
        audit.Add("card.application-answered", "CardApplication", application.Id, uploads.Count > 0 ? $"{uploads.Count} allegati" : null, networkId);
        if (!await db.TrySaveAsync()) return Outcome.Fail(Tr.Get("La risposta è già stata inviata, o la domanda è già stata decisa."));

        var slug = await SlugAsync(networkId);
        var comune = await db.Comuni.AsNoTracking().Where(c => c.Id == application.ComuneId).Select(c => c.Name).FirstOrDefaultAsync();
        await notifications.NotifyAsync(await OfficersAsync(networkId, application.ComuneId), to => new Notice(NotificationKinds.CardApplicationReceived.Key, networkId, to,
            Tr.Get("Carta Famiglia: la famiglia ha risposto ({0})", comune),
            (uploads.Count > 0
                ? Tr.Get("Una famiglia residente a {0} ha risposto alla richiesta di integrazioni sulla domanda di Carta Famiglia e ha allegato {1} documenti.", comune, uploads.Count)
                : Tr.Get("Una famiglia residente a {0} ha risposto alla richiesta di integrazioni sulla domanda di Carta Famiglia.", comune))
            + " " + Tr.Get("La domanda aspetta la vostra decisione."),
            $"/gestione/carta-famiglia/domande/{application.Id}?rete={slug}") { LinkLabel = Tr.Get("Valuta la domanda") });
        using (Languages.Use(await LanguageOfAsync(userId)))
            await notifications.NotifyAsync(new(NotificationKinds.CardApplication.Key, networkId, [userId], Tr.Get("Carta Famiglia: risposta inviata al Comune"),
                Tr.Get("Abbiamo inviato al Comune la vostra risposta. L'ufficio riprende la domanda e vi scriveremo appena sarà decisa."),
                $"/carta-famiglia/domanda?rete={slug}") { LinkLabel = Tr.Get("Vedi la domanda") });
        return Outcome.Success;
    }

    /// <summary>A document of an application the officer (in scope) may read, or null.</summary>
    public async Task<CardApplicationDocument?> DocumentForOfficeAsync(OfficeScope scope, Guid applicationId, Guid documentId)
    {
        var application = await db.CardApplications.AsNoTracking().Where(a => a.Id == applicationId).Select(a => new { a.NetworkId, a.ComuneId }).FirstOrDefaultAsync();
        if (application is null || !scope.Covers(application.NetworkId, application.ComuneId)) return null;
        return await db.CardApplicationDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.ApplicationId == applicationId);
    }

    /// <summary>A document of the family's own application, or null.</summary>
    public Task<CardApplicationDocument?> DocumentForFamilyAsync(Guid networkId, Guid userId, Guid documentId) =>
        db.CardApplicationDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.NetworkId == networkId
            && db.CardApplications.Any(a => a.Id == d.ApplicationId && db.Households.Any(h => h.Id == a.HouseholdId && h.OwnerUserId == userId)));

    /// <summary>The documents of an application, without their bytes, oldest first.</summary>
    public Task<List<DocumentRow>> DocumentsAsync(Guid applicationId) =>
        db.CardApplicationDocuments.AsNoTracking().Where(d => d.ApplicationId == applicationId).OrderBy(d => d.UploadedAt).ThenBy(d => d.FileName)
            .Select(d => new DocumentRow(d.Id, d.Kind, d.FileName, d.ContentType, d.Size, d.UploadedAt)).ToListAsync();

    public sealed record DocumentRow(Guid Id, ApplicationDocumentKind Kind, string FileName, string ContentType, long Size, DateTime UploadedAt);

    public async Task<string?> WithdrawAsync(Guid networkId, Guid userId, Guid applicationId)
    {
        var application = await db.CardApplications.FirstOrDefaultAsync(a => a.Id == applicationId && a.NetworkId == networkId
            && (a.Status == ApplicationStatus.Submitted || a.Status == ApplicationStatus.InformationRequested) && db.Households.Any(h => h.Id == a.HouseholdId && h.OwnerUserId == userId));
        if (application is null) return Tr.Get("Domanda non trovata o già decisa.");
        application.Status = ApplicationStatus.Withdrawn;
        application.DecidedAt = clock.GetUtcNow().UtcDateTime;
        audit.Add("card.application-withdrawn", "CardApplication", application.Id, null, networkId);
        if (!await db.TrySaveAsync()) return Tr.Get("La domanda è già stata ritirata o decisa.");
        return null;
    }

    /// <summary>Approves (issuing a card to each adult without one) or rejects (a reason is required). Null on success.</summary>
    public async Task<string?> DecideAsync(Guid applicationId, OfficeScope scope, bool approve, string? reason)
    {
        reason = Text.Clean(reason);
        if (!approve && reason is null) return Tr.Get("Scrivete il motivo del rifiuto: la famiglia lo leggerà.");
        if (reason?.Length > 2000) return Tr.Get("Il motivo può avere al massimo 2000 caratteri.");
        var application = await db.CardApplications.FirstOrDefaultAsync(a => a.Id == applicationId);
        if (application is null || !scope.Covers(application.NetworkId, application.ComuneId)) return Tr.Get("Domanda non trovata.");
        // The officer may also decide while waiting for the family's answer (the answer came by phone, or never came).
        if (!application.IsOpen) return Tr.Get("La domanda è già stata decisa.");
        var household = await db.Households.Include(h => h.Members).FirstAsync(h => h.Id == application.HouseholdId);
        var now = clock.GetUtcNow().UtcDateTime;
        var issued = new List<Card>();
        // Cards past their date are replaced in a save of their own: all of it commits with the decision, or none.
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (approve)
        {
            var verdict = await eligibility.EvaluateAsync(household);
            if (!verdict.Eligible || verdict.ValidUntil is not DateOnly until)
                return "Oggi il nucleo non ha più i requisiti: " + verdict.Summary + " Respingete la domanda indicando il motivo.";
            var validUntil = RomeTime.FromRome(until, TimeOnly.MinValue);
            var adults = household.Members.Where(m => m.Role == MemberRole.Adult).ToList();
            var adultIds = adults.Select(a => a.Id).ToList();
            // A member keeps a live card (active or suspended) still in date; a live card past its date gives way to the new one.
            var live = await db.Cards.Where(c => adultIds.Contains(c.MemberId) && (c.Status == CardStatus.Active || c.Status == CardStatus.Suspended)).ToListAsync();
            try
            {
                foreach (var adult in adults.Where(a => !live.Any(c => c.MemberId == a.Id && c.ValidUntil > now)))
                    issued.Add(await NewCardAsync(household, adult, validUntil, now, live.Where(c => c.MemberId == adult.Id).ToList()));
            }
            catch (DbUpdateException e) when (e.IsLostRace()) { return Tr.Get("La domanda è già stata decisa."); }
        }
        application.Status = approve ? ApplicationStatus.Approved : ApplicationStatus.Rejected;
        application.DecidedAt = now;
        application.DecidedByUserId = scope.UserId;
        application.DecidedByName = scope.UserName;
        application.Reason = reason;
        audit.Add(approve ? "card.application-approved" : "card.application-rejected", "CardApplication", application.Id,
            approve ? $"{issued.Count} carte emesse" : reason, application.NetworkId);
        // Conditional on the application's version: of two decisions at once, one issues the cards; the other changes nothing.
        if (!await db.TrySaveAsync()) return Tr.Get("La domanda è già stata decisa.");
        await transaction.CommitAsync();
        var decisionSlug = await SlugAsync(application.NetworkId);
        // In the family's language, whoever decided.
        using var language = Languages.Use(household.OwnerUserId is Guid reader ? await LanguageOfAsync(reader) : null);
        var (subject, body) = approve
            ? (Tr.Get("La vostra Carta Famiglia è pronta"), (issued.Count == 1 ? Tr.Get("La domanda di Carta Famiglia è stata approvata: 1 carta emessa.") : Tr.Get("La domanda di Carta Famiglia è stata approvata: {0} carte emesse.", issued.Count))
                + "\n\n" + Tr.Get("La trovate nella pagina «La mia Carta Famiglia» sul sito della rete: potete attivarla sul telefono o stamparla."))
            : (Tr.Get("Domanda di Carta Famiglia respinta"), Tr.Get("La domanda di Carta Famiglia non è stata approvata.") + "\n\n" + Tr.Get("Motivo: {0}", reason ?? "") + "\n\n"
                + Tr.Get("Potete correggere i dati del nucleo e presentarne una nuova."));
        // The decision is saved; a failed mail is logged by the service and the family also sees it on the site.
        await notifications.NotifyAsync(new(NotificationKinds.CardApplication.Key, application.NetworkId, household.OwnerUserId is Guid owner ? [owner] : [], subject, body,
            $"/carta-famiglia/domanda?rete={decisionSlug}") { LinkLabel = approve ? Tr.Get("Vedi la carta") : Tr.Get("Vedi la domanda") });
        return null;
    }

    /// <summary>
    /// A new active card for the member; <paramref name="previous"/> (the member's live cards, tracked) become replaced by it,
    /// so the rule "one live card per member" (a unique index) holds. They are written first, in a save of their own inside
    /// the caller's transaction, since the index is checked row by row.
    /// </summary>
    async Task<Card> NewCardAsync(Household household, HouseholdMember adult, DateTime validUntil, DateTime now, IReadOnlyList<Card> previous)
    {
        string number;
        do number = CardNumbers.New(); while (await db.Cards.AnyAsync(c => c.Number == number));
        var card = new Card
        {
            Id = Guid.NewGuid(), NetworkId = household.NetworkId, HouseholdId = household.Id, MemberId = adult.Id, ComuneId = household.ComuneId,
            Number = number, HolderFirstName = adult.FirstName, HolderLastName = adult.LastName, Status = CardStatus.Active,
            IssuedAt = now, ValidUntil = validUntil,
        };
        foreach (var old in previous)
        {
            old.Status = CardStatus.Replaced;
            old.StatusChangedAt = now;
            old.StatusReason ??= "Sostituita dalla nuova carta.";
        }
        if (previous.Count > 0) await db.SaveChangesAsync();
        foreach (var old in previous) old.ReplacedByCardId = card.Id;
        db.Cards.Add(card);
        return card;
    }

    public enum CardAction { Suspend, Reactivate, Revoke, Replace, Renew }

    /// <summary>The officer's actions on a card. Revocation and suspension take effect at the next verification (there is no cache of card status).</summary>
    public async Task<(string? Error, Guid? NewCardId)> ChangeCardAsync(Guid cardId, OfficeScope scope, CardAction action, string? reason)
    {
        reason = Text.Clean(reason);
        if (reason?.Length > 500) return ("Il motivo può avere al massimo 500 caratteri.", null);
        var card = await db.Cards.FirstOrDefaultAsync(c => c.Id == cardId);
        if (card is null || !scope.Covers(card.NetworkId, card.ComuneId)) return ("Carta non trovata.", null);
        var now = clock.GetUtcNow().UtcDateTime;
        if (action is CardAction.Suspend or CardAction.Revoke && reason is null) return ("Scrivete il motivo.", null);
        Guid? replacement = null;
        // A replacement writes the old card before the new one (see NewCardAsync): both commit together, or neither.
        await using var transaction = await db.Database.BeginTransactionAsync();
        switch (action)
        {
            case CardAction.Suspend when card.Status == CardStatus.Active:
                card.Status = CardStatus.Suspended; break;
            case CardAction.Reactivate when card.Status == CardStatus.Suspended:
                card.Status = CardStatus.Active; break;
            case CardAction.Revoke when card.Status is CardStatus.Active or CardStatus.Suspended:
                card.Status = CardStatus.Revoked; break;
            case CardAction.Replace when card.Status is CardStatus.Active or CardStatus.Suspended:
            {
                var household = await db.Households.Include(h => h.Members).FirstAsync(h => h.Id == card.HouseholdId);
                var member = household.Members.First(m => m.Id == card.MemberId);
                reason ??= "Carta smarrita: sostituita.";
                card.StatusReason = reason;
                try { replacement = (await NewCardAsync(household, member, card.ValidUntil, now, [card])).Id; }
                catch (DbUpdateException e) when (e.IsLostRace()) { return (Concurrency.AlreadyDone, null); }
                break;
            }
            case CardAction.Renew when card.Status == CardStatus.Active:
            {
                var household = await db.Households.Include(h => h.Members).FirstAsync(h => h.Id == card.HouseholdId);
                var verdict = await eligibility.EvaluateAsync(household);
                if (!verdict.Eligible || verdict.ValidUntil is not DateOnly until) return ("Il nucleo non ha più i requisiti: " + verdict.Summary, null);
                var newUntil = RomeTime.FromRome(until, TimeOnly.MinValue);
                if (newUntil <= card.ValidUntil) return ($"La scadenza resta il {RomeTime.Format(card.ValidUntil, "d/M/yyyy")}: non c'è niente da rinnovare.", null);
                card.ValidUntil = newUntil;
                card.ReminderSentAt = null;
                reason ??= $"Rinnovata fino al {until:d/M/yyyy}.";
                break;
            }
            default:
                return ("Questa operazione non si può fare sulla carta nel suo stato attuale.", null);
        }
        card.StatusChangedAt = now;
        card.StatusReason = reason;
        audit.Add("card." + action.ToString().ToLowerInvariant(), "Card", card.Id, reason, card.NetworkId);
        // Conditional on the card's version: of two changes at once, the second finds the card changed and does nothing.
        if (!await db.TrySaveAsync()) return (Concurrency.AlreadyDone, null);
        await transaction.CommitAsync();
        return (null, replacement);
    }

    Task<string> SlugAsync(Guid networkId) => db.Networks.AsNoTracking().Where(n => n.Id == networkId).Select(n => n.Slug).FirstAsync();

}

/// <summary>The scope of the person deciding, from their roles here.</summary>
public static class OfficeScopes
{
    public static async Task<OfficeScope?> ForAsync(Platform.Tenancy.CurrentAccess access, Platform.Tenancy.CurrentNetwork network)
    {
        if (!network.IsResolved || access.UserId is not Guid userId) return null;
        // The name the family and colleagues read on the application («deciso da …»): the display name, not the e-mail.
        var name = access.User.FindFirst(Platform.Auth.AuthClaims.DisplayName)?.Value is { Length: > 0 } display ? display : access.User.Identity?.Name ?? "";
        if (await access.CanManageNetworkAsync()) return new OfficeScope(network.Id, null, userId, name);
        var officer = (await access.RolesHereAsync()).Where(m => m.Role == Platform.Auth.NetworkRole.MunicipalOfficer).ToList();
        if (officer.Count == 0) return null;
        // An officer bound to one Comune sees that Comune; one without a Comune sees the whole network.
        return new OfficeScope(network.Id, officer.Any(m => m.ComuneId is null) ? null : officer[0].ComuneId, userId, name);
    }
}
