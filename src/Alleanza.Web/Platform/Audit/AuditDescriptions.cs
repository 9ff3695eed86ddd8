namespace Alleanza.Web.Platform.Audit;

/// <summary>
/// The audit log in Italian: what each action code means as a sentence ("Giulia Bortolin ha approvato la domanda di
/// Carta Famiglia n. 3F2A…: 2 carte emesse") and the kinds of action the log can be filtered by.
/// </summary>
public static class AuditDescriptions
{
    /// <summary>A kind of action for the filter: its Italian label and the action-code prefixes it covers.</summary>
    public sealed record Kind(string Code, string Label, string[] Prefixes);

    public static readonly Kind[] Kinds =
    [
        new("accessi", "Accessi e account", ["account."]),
        new("rete", "Rete, Comuni, partner e persone", ["network.", "comune.", "partner.", "membership.", "invitation.", "area."]),
        new("catalogo", "Opportunità", ["opportunity.", "hsds.", "synonym."]),
        new("carta", "Carta Famiglia e nuclei familiari", ["card.", "household."]),
        new("convenzioni", "Convenzioni e negozi", ["offer.", "shop.", "till-key.", "reciprocity."]),
        new("patto", "Patto di collaborazione", ["pact."]),
        new("piano", "Piano Family", ["piano."]),
        new("tavoli", "Tavoli di lavoro", ["tavolo."]),
        new("percorsi", "Percorsi di accompagnamento", ["support."]),
        new("comunita", "Laboratori, formazione e volontari", ["laboratorio.", "formazione.", "volontari."]),
        new("condividi", "Condividi e banca del tempo", ["sharing.", "timebank."]),
        new("questionari", "Questionari", ["surveys."]),
        new("gruppi-acquisto", "Gruppi di acquisto", ["gaf."]),
    ];

    static readonly Dictionary<string, string> Phrases = new()
    {
        ["account.administrator-grant"] = "ha reso amministratore un account",
        ["account.confirm-email"] = "ha confermato il proprio indirizzo email",
        ["account.data-export"] = "ha scaricato i propri dati («I miei dati»)",
        ["account.delete"] = "ha eliminato il proprio account",
        ["account.identity-linked"] = "ha collegato al proprio account l'identità digitale (SPID o CIE)",
        ["account.lockout"] = "ha fatto bloccare l'account per troppi tentativi di accesso",
        ["account.passkey-add"] = "ha aggiunto una passkey",
        ["account.passkey-remove"] = "ha tolto una passkey",
        ["account.password-change"] = "ha cambiato la password",
        ["account.password-reset"] = "ha reimpostato la password",
        ["account.password-reset-requested"] = "ha chiesto di reimpostare la password",
        ["account.profile-update"] = "ha aggiornato il proprio profilo",
        ["account.recovery-codes"] = "ha generato nuovi codici di recupero",
        ["account.register"] = "si è registrato",
        ["account.signin"] = "ha effettuato l'accesso",
        ["account.signin-failed"] = "ha tentato l'accesso senza riuscirci",
        ["account.signout"] = "è uscito",
        ["area.added"] = "ha aggiunto l'area tematica",
        ["area.deleted"] = "ha eliminato l'area tematica",
        ["area.renamed"] = "ha rinominato l'area tematica",
        ["card.application-approved"] = "ha approvato la domanda di Carta Famiglia",
        ["card.application-rejected"] = "ha respinto la domanda di Carta Famiglia",
        ["card.applied"] = "ha presentato la domanda di Carta Famiglia",
        ["card.application-info-requested"] = "ha chiesto alla famiglia altre informazioni sulla domanda di Carta Famiglia",
        ["card.application-answered"] = "ha risposto alla richiesta di integrazioni sulla domanda di Carta Famiglia",
        ["card.application-withdrawn"] = "ha ritirato la domanda di Carta Famiglia",
        ["card.device-activated"] = "ha attivato la Carta Famiglia su un dispositivo",
        ["card.device-revoked"] = "ha disattivato i dispositivi della Carta Famiglia",
        ["card.key-rotated"] = "ha sostituito la chiave di firma delle carte",
        ["card.number-unknown"] = "ha verificato un numero di carta inesistente",
        ["card.rules-changed"] = "ha cambiato le regole della Carta Famiglia",
        ["card.verify-failed"] = "ha verificato una carta non valida",
        ["card.suspend"] = "ha sospeso la Carta Famiglia",
        ["card.reactivate"] = "ha riattivato la Carta Famiglia",
        ["card.revoke"] = "ha revocato la Carta Famiglia",
        ["card.replace"] = "ha sostituito la Carta Famiglia",
        ["card.renew"] = "ha rinnovato la Carta Famiglia",
        ["comune.create"] = "ha aggiunto il Comune",
        ["comune.delete"] = "ha tolto il Comune",
        ["household.saved"] = "ha aggiornato il nucleo familiare",
        ["household.registered-by-operator"] = "ha registrato un nucleo familiare per una famiglia senza account",
        ["household.claim-code"] = "ha generato il codice con cui una famiglia prende in carico il proprio nucleo",
        ["household.claim-failed"] = "ha inserito un codice del nucleo non valido",
        ["household.claimed"] = "ha preso in carico il proprio nucleo familiare con il codice",
        ["household.fiscal-code-saved"] = "ha scritto il codice fiscale di una persona del nucleo",
        ["household.fiscal-code-verified"] = "ha verificato con l'identità digitale il codice fiscale di una persona del nucleo",
        ["support.case.opened"] = "ha aperto un percorso di accompagnamento",
        ["support.referral.override"] = "ha autorizzato un invio senza il consenso della famiglia, motivandolo",
        ["support.settings.saved"] = "ha cambiato le impostazioni dei percorsi",
        ["support.report.downloaded"] = "ha scaricato il report di restituzione del programma",
        ["sharing.post.created"] = "ha pubblicato un annuncio su Condividi",
        ["sharing.settings.saved"] = "ha cambiato le regole di Condividi",
        ["timebank.open"] = "ha aperto la banca del tempo",
        ["timebank.settings"] = "ha cambiato le regole della banca del tempo",
        ["timebank.manager.add"] = "ha aggiunto un gestore della banca del tempo",
        ["timebank.manager.remove"] = "ha tolto un gestore della banca del tempo",
        ["timebank.exchange.manager"] = "ha registrato uno scambio di ore per un socio",
        ["timebank.group"] = "ha registrato un'attività di gruppo della banca del tempo",
        ["gaf.cycle.created"] = "ha preparato un ordine del gruppo di acquisto",
        ["gaf.cycle.opened"] = "ha aperto un ordine del gruppo di acquisto",
        ["gaf.cycle.closed"] = "ha chiuso un ordine del gruppo di acquisto",
        ["gaf.cycle.held"] = "ha tenuto aperto un ordine del gruppo di acquisto finché le confezioni si riempiono",
        ["gaf.cycle.mailed"] = "ha inviato per email al fornitore l'ordine del gruppo di acquisto",
        ["gaf.member.added"] = "ha aggiunto una famiglia a un gruppo di acquisto",
        ["gaf.member.removed"] = "ha tolto una famiglia da un gruppo di acquisto",
        ["gaf.referent.added"] = "ha aggiunto un referente a un gruppo di acquisto",
        ["gaf.referent.removed"] = "ha tolto un referente da un gruppo di acquisto",
        ["gaf.cycle.settled"] = "ha addebitato ai soci un ordine consegnato del gruppo di acquisto",
        ["gaf.deposit"] = "ha registrato un versamento di un socio del gruppo di acquisto",
        ["gaf.refund"] = "ha registrato un rimborso a un socio del gruppo di acquisto",
        ["gaf.supplier.paid"] = "ha registrato un pagamento a un fornitore del gruppo di acquisto",
        ["surveys.invited"] = "ha invitato le famiglie a un questionario",
        ["surveys.partner.allow"] = "ha permesso a un ente di preparare questionari",
        ["surveys.partner.remove"] = "ha tolto a un ente il permesso di preparare questionari",
        ["hsds.import"] = "ha importato opportunità da un file HSDS",
        ["invitation.create"] = "ha invitato una persona",
        ["membership.grant"] = "ha dato un ruolo",
        ["membership.revoke"] = "ha tolto un ruolo",
        ["network.create"] = "ha creato la rete",
        ["network.update"] = "ha modificato la rete",
        ["network.message-sent"] = "ha inviato una comunicazione della rete",
        ["offer.publish"] = "ha pubblicato la convenzione",
        ["offer.reject"] = "ha respinto la convenzione",
        ["offer.resubmit"] = "ha ripresentato la convenzione",
        ["offer.withdraw"] = "ha ritirato la convenzione",
        ["opportunity.publish"] = "ha pubblicato l'opportunità",
        ["opportunity.reject"] = "ha respinto l'opportunità",
        ["pact.adhere"] = "ha aderito al patto di collaborazione",
        ["pact.draft"] = "ha preparato una nuova versione del patto",
        ["pact.publish"] = "ha pubblicato il patto di collaborazione",
        ["pact.withdraw"] = "ha ritirato l'adesione al patto",
        ["partner.create"] = "ha aggiunto l'ente partner",
        ["partner.delete"] = "ha eliminato l'ente partner",
        ["partner.update"] = "ha modificato l'ente partner",
        ["piano.azione.creata"] = "ha aggiunto un'azione al Piano Family",
        ["piano.azione.eliminata"] = "ha eliminato un'azione del Piano Family",
        ["piano.azione.modificata"] = "ha modificato un'azione del Piano Family",
        ["piano.creato"] = "ha creato il Piano Family",
        ["piano.eliminato"] = "ha eliminato il Piano Family",
        ["piano.indicatore.creato"] = "ha aggiunto un indicatore al Piano Family",
        ["piano.indicatore.eliminato"] = "ha eliminato un indicatore del Piano Family",
        ["piano.indicatore.modificato"] = "ha modificato un indicatore del Piano Family",
        ["piano.indicatore.rilevazione"] = "ha registrato il valore di un indicatore",
        ["piano.modificato"] = "ha modificato il Piano Family",
        ["piano.obiettivo.creato"] = "ha aggiunto un obiettivo al Piano Family",
        ["piano.obiettivo.eliminato"] = "ha eliminato un obiettivo del Piano Family",
        ["piano.obiettivo.modificato"] = "ha modificato un obiettivo del Piano Family",
        ["piano.stato"] = "ha cambiato lo stato del Piano Family",
        ["reciprocity.agree"] = "ha concordato la reciprocità delle carte con un'altra rete",
        ["reciprocity.withdraw"] = "ha ritirato la reciprocità delle carte con un'altra rete",
        ["shop.create"] = "ha aggiunto il negozio",
        ["shop.delete"] = "ha eliminato il negozio",
        ["shop.update"] = "ha modificato il negozio",
        ["synonym.added"] = "ha aggiunto un sinonimo per la ricerca",
        ["synonym.changed"] = "ha modificato un sinonimo per la ricerca",
        ["synonym.deleted"] = "ha eliminato un sinonimo per la ricerca",
        ["laboratorio.crea"] = "ha aperto il laboratorio di comunità",
        ["laboratorio.modifica"] = "ha modificato il laboratorio di comunità",
        ["laboratorio.chiude"] = "ha chiuso il laboratorio di comunità",
        ["laboratorio.riapre"] = "ha riaperto il laboratorio di comunità",
        ["laboratorio.facilitatore"] = "ha aggiunto un facilitatore al laboratorio",
        ["laboratorio.facilitatore-tolto"] = "ha tolto un facilitatore dal laboratorio",
        ["formazione.corso"] = "ha creato il corso di formazione",
        ["formazione.presenze"] = "ha registrato le presenze di una lezione",
        ["volontari.registra"] = "ha aggiunto un volontario al registro",
        ["volontari.casellario"] = "ha registrato il certificato del casellario di un volontario",
        ["volontari.incarico"] = "ha assegnato un incarico a un volontario",
        ["volontari.ore-approvate"] = "ha approvato ore di volontariato",
        ["volontari.ore-respinte"] = "ha respinto ore di volontariato",
        ["volontari.impostazioni"] = "ha cambiato le impostazioni di formazione e volontariato",
        ["tavolo.archiviato"] = "ha archiviato il tavolo di lavoro",
        ["tavolo.azione-creata"] = "ha aggiunto un'azione al tavolo di lavoro",
        ["tavolo.azione-modificata"] = "ha modificato un'azione del tavolo di lavoro",
        ["tavolo.creato"] = "ha creato il tavolo di lavoro",
        ["tavolo.documento-caricato"] = "ha caricato un documento nel tavolo di lavoro",
        ["tavolo.documento-eliminato"] = "ha eliminato un documento del tavolo di lavoro",
        ["tavolo.incontro-creato"] = "ha convocato un incontro del tavolo di lavoro",
        ["tavolo.incontro-modificato"] = "ha modificato un incontro del tavolo di lavoro",
        ["tavolo.membro-aggiunto"] = "ha aggiunto un membro al tavolo di lavoro",
        ["tavolo.membro-tolto"] = "ha tolto un membro dal tavolo di lavoro",
        ["tavolo.modificato"] = "ha modificato il tavolo di lavoro",
        ["tavolo.presenze-registrate"] = "ha registrato le presenze di un incontro",
        ["tavolo.riaperto"] = "ha riaperto il tavolo di lavoro",
        ["tavolo.ruolo-cambiato"] = "ha cambiato un ruolo nel tavolo di lavoro",
        ["tavolo.verbale-salvato"] = "ha salvato il verbale di un incontro",
        ["till-key.created"] = "ha creato una chiave per la cassa",
        ["till-key.revoked"] = "ha revocato una chiave della cassa",
    };

    /// <summary>Actions whose record is identified by a number the person may quote ("domanda n. 3F2A…").</summary>
    static readonly HashSet<string> Numbered = ["card.application-approved", "card.application-rejected", "card.applied",
        "card.application-info-requested", "card.application-answered", "card.application-withdrawn"];

    public static Kind? KindOf(string? code) => Kinds.FirstOrDefault(k => k.Code == code);

    /// <summary>
    /// The sentence of an entry for the page, in the reader's language: the person and what they did, then the
    /// entry's details apart (written in Italian when the action was recorded, shown as the network's own content).
    /// </summary>
    public static (string Sentence, string? Details) Shown(string? who, string action, string? entityId, string? details)
    {
        var subject = string.IsNullOrWhiteSpace(who) ? Tr.Get("Un visitatore non identificato") : who;
        var phrase = Phrases.TryGetValue(action, out var known) ? Tr.Get(known) : Tr.Get("ha eseguito l'azione «{0}»", action);
        var no = Tr.Get("N."); // "n." in the sentence: the resources hold the capital form only
        var number = Numbered.Contains(action) && entityId is { Length: >= 8 } id ? $" {char.ToLowerInvariant(no[0])}{no[1..]} {id[..8].ToUpperInvariant()}" : "";
        var tail = string.IsNullOrWhiteSpace(details) ? null : details.Trim();
        return (tail is null ? $"{subject} {phrase}{number}." : $"{subject} {phrase}{number}:", tail is null ? null : tail + (tail.EndsWith('.') ? "" : "."));
    }

    /// <summary>The kind of an action code, for the page's label.</summary>
    public static string KindLabel(string action) => Kinds.FirstOrDefault(k => k.Prefixes.Any(p => action.StartsWith(p, StringComparison.Ordinal)))?.Label ?? "Altro";

    /// <summary>The Italian sentence of an entry, with the person's name (or "Qualcuno" for an anonymous request).</summary>
    public static string Describe(string? who, string action, string? entityId, string? details)
    {
        var subject = string.IsNullOrWhiteSpace(who) ? "Un visitatore non identificato" : who;
        var phrase = Phrases.TryGetValue(action, out var known) ? known : $"ha eseguito l'azione «{action}»";
        var number = Numbered.Contains(action) && entityId is { Length: >= 8 } id ? $" n. {id[..8].ToUpperInvariant()}" : "";
        var tail = string.IsNullOrWhiteSpace(details) ? "" : ": " + details.Trim();
        return $"{subject} {phrase}{number}{tail}".TrimEnd() + (tail.EndsWith('.') ? "" : ".");
    }
}
