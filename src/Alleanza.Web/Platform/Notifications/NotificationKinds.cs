using Alleanza.Web.Platform.Auth;

namespace Alleanza.Web.Platform.Notifications;

/// <summary>
/// A kind of event people are told about. <see cref="Roles"/>: the roles it concerns (empty: every person with an account,
/// e.g. what concerns their own household); the preferences page lists only the kinds of the person's roles.
/// <see cref="Label"/> and <see cref="Description"/> are Italian keys of the shared resources: show them with Tr.Get / L[…].
/// <see cref="Weekly"/> kinds are a digest themselves: their choices are "every week" (<see cref="Delivery.Immediate"/>) or off.
/// </summary>
public sealed record NotificationKind(string Key, string Label, string Description, Delivery Default, NetworkRole[] Roles, bool Weekly = false)
{
    /// <summary>The footer of its mails: why the person receives it.</summary>
    public string Reason => Tr.Get("Ricevi questa email perché sono attive le notifiche «{0}» del tuo account.", Tr.Get(Label));

    public bool Concerns(IReadOnlyCollection<NetworkRole> roles) => Roles.Length == 0 || Roles.Any(roles.Contains);

    public IReadOnlyList<Delivery> Choices => Weekly ? [Delivery.Immediate, Delivery.Off] : [Delivery.Immediate, Delivery.Digest, Delivery.Off];

    public string ChoiceLabel(Delivery d) => d switch
    {
        Delivery.Immediate => Weekly ? Tr.Get("Ogni settimana") : Tr.Get("Subito"),
        Delivery.Digest => Tr.Get("Riepilogo giornaliero"),
        _ => Tr.Get("No"),
    };
}

/// <summary>The catalogue of kinds: every module raises its events with one of these keys.</summary>
public static class NotificationKinds
{
    static readonly NetworkRole[] Everyone = [];
    static readonly NetworkRole[] Staff = [NetworkRole.PartnerStaff, NetworkRole.Merchant, NetworkRole.MunicipalOfficer, NetworkRole.Coordinator, NetworkRole.SocialOperator, NetworkRole.Volunteer, NetworkRole.SupportSupervisor];

    public static readonly NotificationKind ReviewWaiting = new("review.waiting", "Contenuti da rivedere",
        "Un'opportunità o una convenzione di un ente attende la tua revisione prima della pubblicazione.", Delivery.Immediate, [NetworkRole.Coordinator]);
    public static readonly NotificationKind CardApplicationReceived = new("card.application.received", "Nuove domande di Carta Famiglia",
        "Una famiglia del tuo Comune ha presentato una domanda di Carta Famiglia da valutare.", Delivery.Immediate, [NetworkRole.MunicipalOfficer]);
    public static readonly NotificationKind OpportunityDecision = new("opportunity.decision", "Esito delle opportunità e convenzioni inviate",
        "Un'opportunità o una convenzione del tuo ente è stata pubblicata o rimandata con le osservazioni del coordinatore.", Delivery.Immediate, [NetworkRole.PartnerStaff, NetworkRole.Merchant]);
    public static readonly NotificationKind CardApplication = new("card.application", "La tua domanda di Carta Famiglia",
        "La domanda è stata ricevuta, approvata o respinta.", Delivery.Immediate, Everyone);
    public static readonly NotificationKind CardExpiring = new("card.expiring", "Carta Famiglia in scadenza",
        "Una carta del tuo nucleo sta per scadere.", Delivery.Immediate, Everyone);
    public static readonly NotificationKind Registration = new("registration", "Le tue iscrizioni",
        "Conferma di un'iscrizione a un'attività o a un evento, o il posto in lista d'attesa.", Delivery.Immediate, Everyone);
    public static readonly NotificationKind WaitingListPromotion = new("registration.promoted", "Posto liberato dalla lista d'attesa",
        "Si è liberato un posto e la tua iscrizione in lista d'attesa è ora confermata.", Delivery.Immediate, Everyone);
    public static readonly NotificationKind Meeting = new("table.meeting", "Riunioni dei tavoli di lavoro",
        "Convocazione di una riunione di un tavolo di cui fai parte, o un suo cambiamento (con l'invito per il calendario).", Delivery.Immediate, Staff);
    public static readonly NotificationKind PactVersion = new("pact.version", "Nuove versioni del patto",
        "È uscita una nuova versione del patto di collaborazione a cui il tuo ente deve aderire di nuovo.", Delivery.Immediate, [NetworkRole.PartnerStaff, NetworkRole.Coordinator]);
    public static readonly NotificationKind NetworkMessage = new("network.message", "Comunicazioni della rete",
        "Messaggi del coordinamento della rete, o dell'ente di un'attività a cui sei iscritto (per esempio un cambio di orario).", Delivery.Immediate, Everyone);
    public static readonly NotificationKind NewOpportunitiesWeekly = new("opportunities.weekly", "Nuove opportunità per i tuoi figli",
        "Ogni lunedì, le opportunità pubblicate nella settimana per l'età dei tuoi figli nel tuo Comune.", Delivery.Off, Everyone, Weekly: true);

    public static readonly NotificationKind SupportApprovalWaiting = new("support.approval", "Percorsi da approvare",
        "Un operatore del tuo ente chiede di approvare il piano o la chiusura di un percorso di accompagnamento.", Delivery.Immediate, [NetworkRole.SupportSupervisor]);
    public static readonly NotificationKind SupportDecision = new("support.decision", "Esito delle approvazioni dei percorsi",
        "Il supervisore ha approvato o rimandato il piano o la chiusura di un percorso della tua squadra.", Delivery.Immediate, [NetworkRole.SocialOperator]);
    public static readonly NotificationKind VolunteerClearanceExpiring = new("volunteer.clearance.expiring", "Certificati dei volontari in scadenza",
        "Il certificato del casellario giudiziale di un volontario di cui sei referente sta per scadere: senza, non può lavorare con bambini e ragazzi.", Delivery.Immediate,
        [NetworkRole.PartnerStaff, NetworkRole.Coordinator]);

    public static readonly NotificationKind TimeBankJoinWaiting = new("timebank.join", "Richieste di adesione alla banca del tempo",
        "Una famiglia o una persona chiede di entrare nella banca del tempo che gestisci.", Delivery.Immediate, Everyone);
    public static readonly NotificationKind TimeBankMembership = new("timebank.membership", "La tua adesione alla banca del tempo",
        "I gestori della banca del tempo hanno accolto o no la tua richiesta di adesione.", Delivery.Immediate, Everyone);
    public static readonly NotificationKind TimeBankExchange = new("timebank.exchange", "Scambi della banca del tempo",
        "Qualcuno ha registrato delle ore di aiuto con te: da confermare, oppure confermate.", Delivery.Immediate, Everyone);
    // Condividi (Modules/Sharing): private messages, the family's own posts, the moderators' queue, saved searches.
    public static readonly NotificationKind SharingMessage = new("sharing.message", "Messaggi privati di Condividi",
        "Un'altra famiglia ti ha scritto su un annuncio (al massimo un'email all'ora per conversazione).", Delivery.Immediate, Everyone);
    public static readonly NotificationKind SharingPost = new("sharing.post", "I tuoi annunci di Condividi",
        "Un tuo annuncio è stato pubblicato, promesso, consegnato o sta per scadere; un prestito da restituire.", Delivery.Immediate, Everyone);
    public static readonly NotificationKind SharingModeration = new("sharing.moderation", "Annunci di Condividi da moderare",
        "Un annuncio o una segnalazione di Condividi attende la moderazione.", Delivery.Digest, [NetworkRole.Coordinator, NetworkRole.PartnerStaff]);
    public static readonly NotificationKind SharingSearch = new("sharing.search", "Le tue ricerche salvate su Condividi",
        "Ogni giorno, i nuovi annunci che corrispondono alle ricerche per cui hai chiesto l'avviso.", Delivery.Immediate, Everyone);
    // Questionari (Modules/Surveys)
    public static readonly NotificationKind SurveyPartnerAllowed = new("surveys.partner", "Questionari del tuo ente",
        "Il coordinamento della rete ha permesso al tuo ente di preparare questionari per le famiglie.", Delivery.Immediate, [NetworkRole.PartnerStaff]);

    // Gruppi di acquisto (Modules/Sharing/PurchasingGroups): cycles opened and closing; receipts and low credit.
    public static readonly NotificationKind GafCycle = new("gaf.cycle", "Ordini del gruppo di acquisto",
        "Un ordine del tuo gruppo di acquisto si apre, o chiude domani.", Delivery.Immediate, Everyone);
    public static readonly NotificationKind GafAccount = new("gaf.account", "Ricevute e credito del gruppo di acquisto",
        "La ricevuta di una consegna; il credito nel gruppo di acquisto è basso.", Delivery.Immediate, Everyone);

    public static IReadOnlyList<NotificationKind> All { get; } =
    [
        ReviewWaiting, CardApplicationReceived, OpportunityDecision, Meeting, PactVersion, VolunteerClearanceExpiring,
        CardApplication, CardExpiring, Registration, WaitingListPromotion, NetworkMessage, NewOpportunitiesWeekly,
        SupportApprovalWaiting, SupportDecision, TimeBankJoinWaiting, TimeBankMembership, TimeBankExchange,
        SharingMessage, SharingPost, SharingModeration, SharingSearch, SurveyPartnerAllowed, GafCycle, GafAccount,
    ];

    static readonly Dictionary<string, NotificationKind> ByKey = All.ToDictionary(k => k.Key);

    public static NotificationKind? Find(string? key) => key is not null && ByKey.TryGetValue(key, out var k) ? k : null;

    public static NotificationKind Get(string key) => Find(key) ?? throw new ArgumentException($"Unknown notification kind «{key}»: add it to NotificationKinds.All.", nameof(key));

    /// <summary>The pseudo-kind of the daily digest mail: unsubscribing from it turns every kind set to the digest off.</summary>
    public const string DigestKey = "digest";
}
