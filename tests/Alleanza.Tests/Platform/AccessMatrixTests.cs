using System.Net;
using Alleanza.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Alleanza.Tests.Platform;

/// <summary>
/// Every page and endpoint × every role, in its own network and another's → the expected answer.
/// A new endpoint without a row here fails <see cref="Every_endpoint_has_a_row"/>.
/// </summary>
public class AccessMatrixTests(AlleanzaFactory factory, ITestOutputHelper output) : IClassFixture<AlleanzaFactory>
{
    /// <summary>Expected answers. Login/Denied are redirects to the sign-in and access-denied pages.</summary>
    public enum A { Ok, Login, Denied, NotFound, BadRequest, Redirect, Forbidden, Unauthorized, UnsupportedMediaType }

    /// <summary>
    /// The people who knock. CoordinatorOther is the coordinator of Brianza, working in Brianza, asking for
    /// Portogruaro's objects ({partner}, {network} are Portogruaro's). Family is in Lucca; Merchant (the
    /// stationer's staff) and Officer (the municipal officer of Portogruaro) are in Portogruaro.
    /// </summary>
    public enum Who { Anonymous, Family, PartnerStaff, CoordinatorOwn, CoordinatorOther, Admin, Merchant, Officer }

    /// <summary>One endpoint's expected answers. Merchant and Officer answer like Family unless given.</summary>
    public sealed record Row(string Pattern, string Method, string Url, A Anonymous, A Family, A PartnerStaff, A CoordinatorOwn, A CoordinatorOther, A Admin,
        A? Merchant = null, A? Officer = null)
    {
        public A For(Who who) => who switch
        {
            Who.Anonymous => Anonymous, Who.Family => Family, Who.PartnerStaff => PartnerStaff,
            Who.CoordinatorOwn => CoordinatorOwn, Who.CoordinatorOther => CoordinatorOther,
            Who.Merchant => Merchant ?? Family, Who.Officer => Officer ?? Family, _ => Admin,
        };

        /// <summary>The same row with the merchant's and the officer's answers.</summary>
        public Row And(A merchant, A officer) => this with { Merchant = merchant, Officer = officer };
    }

    static Row Public(string pattern, string? url = null) => new(pattern, "GET", url ?? pattern, A.Ok, A.Ok, A.Ok, A.Ok, A.Ok, A.Ok);
    static Row Same(string pattern, A all, string? url = null, string method = "GET") => new(pattern, method, url ?? pattern, all, all, all, all, all, all);
    static Row Member(string pattern) => new(pattern, "GET", pattern, A.Login, A.Ok, A.Ok, A.Ok, A.Ok, A.Ok);
    static Row Coordinator(string pattern, string? url = null, A other = A.Ok) => new(pattern, "GET", url ?? pattern, A.Login, A.Denied, A.Denied, A.Ok, other, A.Ok);
    static Row TableObject(string pattern, string url) => new(pattern, "GET", url, A.Login, A.NotFound, A.Ok, A.Ok, A.NotFound, A.Ok);
    /// <summary>A page of one questionnaire: coordinators of its network, and the allowed partner's referents when it is their partner's.</summary>
    static Row SurveyPage(string pattern, string url, A partnerStaff = A.NotFound) => new(pattern, "GET", url, A.Login, A.Denied, partnerStaff, A.Ok, A.NotFound, A.Ok);
    static Row GafObject(string pattern, string url) => new Row(pattern, "GET", url, A.Login, A.NotFound, A.NotFound, A.NotFound, A.Ok, A.NotFound).And(A.NotFound, A.NotFound);
    static Row Administrator(string pattern, string? url = null) => new(pattern, "GET", url ?? pattern, A.Login, A.Denied, A.Denied, A.Denied, A.Denied, A.Ok);

    public static readonly Row[] Matrix =
    [
        // Public pages
        Public("/"), Public("/reti"), Public("/privacy"), Public("/accessibilita"), Public("/rete"),
        Same("/errore/{code:int?}", A.NotFound, "/errore/404"),
        Public("/account/registrati"), Public("/account/controlla-email"), Public("/account/conferma-email"),
        Public("/account/reinvia-conferma"), Public("/account/accedi"), Public("/account/bloccato"), Public("/account/esci"),
        Public("/account/password-dimenticata"), Public("/account/reimposta-password"), Public("/account/invito"),
        Same("/account/accesso-negato", A.Forbidden),
        // Second sign-in steps without a first step go back to the sign-in page.
        Same("/account/accedi-2fa", A.Redirect), Same("/account/accedi-codice-recupero", A.Redirect),
        // Anyone signed in
        Member("/la-mia-area"), Member("/account"), Member("/account/sicurezza"), Member("/account/passkey"), Member("/account/autenticatore"),
        Member("/account/codici-recupero"), Member("/account/disattiva-2fa"),
        Member("/account/i-miei-dati"), Member("/account/elimina"), Public("/account/eliminato"),
        // SPID/CIE (off in this installation: no Entity Configuration, no provider); the completion page without an identity
        // from a provider goes back to the sign-in page. The log: administrators only.
        Same("/.well-known/openid-federation", A.NotFound), Same("/account/accesso-esterno/{id}", A.NotFound, "/account/accesso-esterno/spid-prova"),
        Same("/account/accesso-esterno/completa", A.Redirect), Administrator("/amministrazione/accessi-spid"),
        // Coordinators of the current network (and administrators)
        Coordinator("/gestione"), Coordinator("/gestione/partner"), Coordinator("/gestione/partner/nuovo"),
        Coordinator("/gestione/partner/{id:guid}", "/gestione/partner/{partner}", other: A.NotFound),
        Coordinator("/gestione/partner/{id:guid}/elimina", "/gestione/partner/{partner}/elimina", other: A.NotFound),
        Coordinator("/gestione/persone"), Coordinator("/gestione/registro"), Coordinator("/gestione/registro", "/gestione/registro?handler=Csv&tipo=tavoli"),
        // Installation administrators
        Administrator("/amministrazione/reti"), Administrator("/amministrazione/reti/nuova"),
        Administrator("/amministrazione/reti/{id:guid}", "/amministrazione/reti/{network}"),
        // Platform endpoints
        Public("/health/live"), Public("/health/ready"), Public("/openapi/{documentName}.json", "/openapi/v1.json"),
        new("/account/passkey/opzioni-creazione", "POST", "/account/passkey/opzioni-creazione", A.Login, A.BadRequest, A.BadRequest, A.BadRequest, A.BadRequest, A.BadRequest),
        Same("/account/passkey/opzioni-accesso", A.BadRequest, method: "POST"),
        // Catalogue: public pages ({opportunity} is a published opportunity of Portogruaro: another network's people
        // see it only after choosing that network, so the "other" coordinator, in Brianza, gets 404).
        Public("/opportunita"),
        Public("/opportunita/calendario.ics"),
        // The demo opportunities have their generated picture, shown like the opportunity itself.
        new Row("/opportunita/{id:guid}/immagine", "GET", "/opportunita/{opportunity}/immagine", A.Ok, A.NotFound, A.Ok, A.Ok, A.NotFound, A.Ok).And(A.Ok, A.Ok),
        new Row("/opportunita/{id:guid}", "GET", "/opportunita/{opportunity}", A.Ok, A.NotFound, A.Ok, A.Ok, A.NotFound, A.Ok).And(A.Ok, A.Ok),
        new Row("/opportunita/{id:guid}/calendario.ics", "GET", "/opportunita/{opportunity}/calendario.ics", A.Ok, A.NotFound, A.Ok, A.Ok, A.NotFound, A.Ok).And(A.Ok, A.Ok),
        Same("/api/v1/opportunities", A.Ok, "/api/v1/opportunities?network=portogruaro"),
        // Publishing: partner staff (their partners' opportunities) and coordinators. {own} belongs to the staff member's partner.
        new("/gestione/opportunita", "GET", "/gestione/opportunita", A.Login, A.Denied, A.Ok, A.Ok, A.Ok, A.Ok),
        new("/gestione/opportunita/nuova", "GET", "/gestione/opportunita/nuova", A.Login, A.Denied, A.Ok, A.Ok, A.Ok, A.Ok),
        new("/gestione/opportunita/{id:guid}", "GET", "/gestione/opportunita/{own}", A.Login, A.Denied, A.Ok, A.Ok, A.NotFound, A.Ok),
        new("/gestione/opportunita/{id:guid}/iscritti", "GET", "/gestione/opportunita/{own}/iscritti", A.Login, A.Denied, A.Ok, A.Ok, A.NotFound, A.Ok),
        Member("/account/iscrizioni"),
        // Notifications: the person's own list and preferences; opening another's notification (or none) is 404.
        Member("/account/notifiche"), Member("/account/notifiche/preferenze"),
        Same("/account/notifiche/apri/{id:guid}", A.NotFound, "/account/notifiche/apri/{card}") with { Anonymous = A.Login },
        // One-click unsubscribe from a mail: anonymous by design (the signed token is the authority); without a token, 400.
        Same("/notifiche/disiscrivi", A.BadRequest),
        // Open Referral HSDS 3.0 (public, per network)
        Public("/api/hsds/{network}/", "/api/hsds/portogruaro/"),
        Public("/api/hsds/{network}/services", "/api/hsds/portogruaro/services"),
        Same("/api/hsds/{network}/services/{id}", A.NotFound, "/api/hsds/portogruaro/services/nessuno"),
        Public("/api/hsds/{network}/organizations", "/api/hsds/portogruaro/organizations"),
        Public("/api/hsds/{network}/organizations/{id}", "/api/hsds/portogruaro/organizations/{partner}"),
        Public("/api/hsds/{network}/service_at_locations", "/api/hsds/portogruaro/service_at_locations"),
        Same("/api/hsds/{network}/service_at_locations/{id}", A.NotFound, "/api/hsds/portogruaro/service_at_locations/00000000-0000-0000-0000-000000000000"),
        Public("/api/hsds/{network}/taxonomies", "/api/hsds/portogruaro/taxonomies"),
        Same("/api/hsds/{network}/taxonomies/{id}", A.NotFound, "/api/hsds/portogruaro/taxonomies/altra"),
        Public("/api/hsds/{network}/taxonomy_terms", "/api/hsds/portogruaro/taxonomy_terms"),
        Public("/api/hsds/{network}/export.json", "/api/hsds/portogruaro/export.json"),
        Public("/api/hsds/{network}/export.zip", "/api/hsds/portogruaro/export.zip"),
        Coordinator("/gestione/opportunita/importa"), Coordinator("/gestione/aree"), Coordinator("/gestione/sinonimi"),
        Same("/api/hsds/{network}/taxonomy_terms/{id}", A.NotFound, "/api/hsds/portogruaro/taxonomy_terms/altro"),
        // Family Card — the family's own pages ({card} is a card of the Portogruaro demo family: nobody else's).
        Member("/carta-famiglia/nucleo"), Member("/carta-famiglia/domanda"),
        Same("/carta-famiglia/carte/{id:guid}", A.NotFound, "/carta-famiglia/carte/{card}") with { Anonymous = A.Login },
        Same("/carta-famiglia/carte/{id:guid}/stampa", A.NotFound, "/carta-famiglia/carte/{card}/stampa") with { Anonymous = A.Login },
        // Activation and credential refresh: JSON posts from the card page, refused without its antiforgery token.
        Same("/carta-famiglia/carte/{id:guid}/dispositivi", A.BadRequest, "/carta-famiglia/carte/{card}/dispositivi", "POST") with { Anonymous = A.Login },
        Same("/carta-famiglia/carte/{id:guid}/dispositivi/{device:guid}/credenziale", A.BadRequest, "/carta-famiglia/carte/{card}/dispositivi/{card}/credenziale", "POST") with { Anonymous = A.Login },
        // Officers (their Comune) and coordinators: applications and cards. {application} and {card} are in the officer's Comune.
        new Row("/gestione/carta-famiglia/domande", "GET", "/gestione/carta-famiglia/domande", A.Login, A.Denied, A.Denied, A.Ok, A.Ok, A.Ok).And(A.Denied, A.Ok),
        new Row("/gestione/carta-famiglia/domande/{id:guid}", "GET", "/gestione/carta-famiglia/domande/{application}", A.Login, A.Denied, A.Denied, A.Ok, A.NotFound, A.Ok).And(A.Denied, A.Ok),
        // A document attached to an application: only the officer in scope and the family that attached it; another id answers 404.
        new Row("/gestione/carta-famiglia/domande/{id:guid}", "GET", "/gestione/carta-famiglia/domande/{application}?handler=Document&documentId=00000000-0000-0000-0000-000000000001",
            A.Login, A.Denied, A.Denied, A.NotFound, A.NotFound, A.NotFound).And(A.Denied, A.NotFound),
        new Row("/carta-famiglia/domanda", "GET", "/carta-famiglia/domanda?handler=Document&documentId=00000000-0000-0000-0000-000000000001",
            A.Login, A.NotFound, A.NotFound, A.NotFound, A.NotFound, A.NotFound),
        new Row("/gestione/carta-famiglia/carte", "GET", "/gestione/carta-famiglia/carte", A.Login, A.Denied, A.Denied, A.Ok, A.Ok, A.Ok).And(A.Denied, A.Ok),
        new Row("/gestione/carta-famiglia/carte/{id:guid}", "GET", "/gestione/carta-famiglia/carte/{card}", A.Login, A.Denied, A.Denied, A.Ok, A.NotFound, A.Ok).And(A.Denied, A.Ok),
        Coordinator("/gestione/carta-famiglia/regole"),
        // Merchants at the counter (administrators pass every role check).
        new Row("/esercente/verifica", "GET", "/esercente/verifica", A.Login, A.Denied, A.Denied, A.Denied, A.Denied, A.Ok).And(A.Ok, A.Denied),
        new Row("/esercente/chiavi-cassa", "GET", "/esercente/chiavi-cassa", A.Login, A.Denied, A.Denied, A.Denied, A.Denied, A.Ok).And(A.Ok, A.Denied),
        // Tills: the partner's key, not a person's session.
        Same("/api/v1/card-verifications", A.UnsupportedMediaType, method: "POST"), // a form post, not JSON with a key
        Public("/.well-known/carta-famiglia/chiavi.json"),
        // Family Card, merchant side. {shop} and {offer} are a shop and a published offer of Portogruaro's stationer,
        // whose staff is the Merchant; the administrator passes the merchant policy but works for no merchant (404).
        Public("/carta-famiglia"),
        new Row("/carta-famiglia/negozi/{id:guid}", "GET", "/carta-famiglia/negozi/{shop}", A.Ok, A.NotFound, A.Ok, A.Ok, A.NotFound, A.Ok).And(A.Ok, A.Ok),
        new Row("/esercente", "GET", "/esercente", A.Login, A.Denied, A.Denied, A.Denied, A.Denied, A.Ok).And(A.Ok, A.Denied),
        new Row("/esercente/negozi/nuovo", "GET", "/esercente/negozi/nuovo", A.Login, A.Denied, A.Denied, A.Denied, A.Denied, A.Ok).And(A.Ok, A.Denied),
        new Row("/esercente/negozi/{id:guid}", "GET", "/esercente/negozi/{shop}", A.Login, A.Denied, A.Denied, A.Denied, A.Denied, A.NotFound).And(A.Ok, A.Denied),
        new Row("/esercente/negozi/{id:guid}/elimina", "GET", "/esercente/negozi/{shop}/elimina", A.Login, A.Denied, A.Denied, A.Denied, A.Denied, A.NotFound).And(A.Ok, A.Denied),
        new Row("/esercente/convenzioni/nuova", "GET", "/esercente/convenzioni/nuova", A.Login, A.Denied, A.Denied, A.Denied, A.Denied, A.Ok).And(A.Ok, A.Denied),
        new Row("/esercente/convenzioni/{id:guid}", "GET", "/esercente/convenzioni/{offer}", A.Login, A.Denied, A.Denied, A.Denied, A.Denied, A.NotFound).And(A.Ok, A.Denied),
        Coordinator("/gestione/carta-famiglia/convenzioni"),
        Coordinator("/gestione/carta-famiglia/convenzioni/{id:guid}", "/gestione/carta-famiglia/convenzioni/{offer}", other: A.NotFound),
        Coordinator("/gestione/carta-famiglia/reciprocita"), Coordinator("/gestione/carta-famiglia/chiavi-cassa"),
        // Family Card statistics: coordinators see their network's, merchants only their own shops' (administrators pass the policy and see none).
        Coordinator("/gestione/carta-famiglia/statistiche"),
        new Row("/esercente/statistiche", "GET", "/esercente/statistiche", A.Login, A.Denied, A.Denied, A.Denied, A.Denied, A.Ok).And(A.Ok, A.Denied),
        // Mapping, Piano Family and dossier: coordinators, and municipal officers (the Officer is bound to the Comune of Portogruaro;
        // {plan} is that Comune's demo plan, {objective}, {action}, {indicator} are in it). Officers read and download; editing pages are the coordinators'.
        new Row("/gestione/mappatura", "GET", "/gestione/mappatura", A.Login, A.Denied, A.Denied, A.Ok, A.Ok, A.Ok).And(A.Denied, A.Ok),
        new Row("/gestione/piano", "GET", "/gestione/piano", A.Login, A.Denied, A.Denied, A.Ok, A.Ok, A.Ok).And(A.Denied, A.Ok),
        new Row("/gestione/piano/{id:guid}", "GET", "/gestione/piano/{plan}", A.Login, A.Denied, A.Denied, A.Ok, A.NotFound, A.Ok).And(A.Denied, A.Ok),
        new Row("/gestione/piano/{id:guid}/dossier", "GET", "/gestione/piano/{plan}/dossier", A.Login, A.Denied, A.Denied, A.Ok, A.NotFound, A.Ok).And(A.Denied, A.Ok),
        new Row("/gestione/piano/{id:guid}/modifica", "GET", "/gestione/piano/{plan}/modifica", A.Login, A.Denied, A.Denied, A.Ok, A.NotFound, A.Ok).And(A.Denied, A.Denied),
        new Row("/gestione/piano/{id:guid}/obiettivi/nuovo", "GET", "/gestione/piano/{plan}/obiettivi/nuovo", A.Login, A.Denied, A.Denied, A.Ok, A.NotFound, A.Ok).And(A.Denied, A.Denied),
        new Row("/gestione/piano/{id:guid}/obiettivi/{objectiveId:guid}", "GET", "/gestione/piano/{plan}/obiettivi/{objective}", A.Login, A.Denied, A.Denied, A.Ok, A.NotFound, A.Ok).And(A.Denied, A.Denied),
        new Row("/gestione/piano/{id:guid}/azioni/nuova", "GET", "/gestione/piano/{plan}/azioni/nuova", A.Login, A.Denied, A.Denied, A.Ok, A.NotFound, A.Ok).And(A.Denied, A.Denied),
        new Row("/gestione/piano/{id:guid}/azioni/{actionId:guid}", "GET", "/gestione/piano/{plan}/azioni/{action}", A.Login, A.Denied, A.Denied, A.Ok, A.NotFound, A.Ok).And(A.Denied, A.Denied),
        new Row("/gestione/piano/{id:guid}/indicatori/nuovo", "GET", "/gestione/piano/{plan}/indicatori/nuovo", A.Login, A.Denied, A.Denied, A.Ok, A.NotFound, A.Ok).And(A.Denied, A.Denied),
        new Row("/gestione/piano/{id:guid}/indicatori/{indicatorId:guid}", "GET", "/gestione/piano/{plan}/indicatori/{indicator}", A.Login, A.Denied, A.Denied, A.Ok, A.NotFound, A.Ok).And(A.Denied, A.Denied),
        // Collaboration pact (patto di collaborazione). Version 1 is published in Portogruaro and Lucca, not in Brianza.
        Public("/rete/patto"),
        new Row("/rete/patto/versioni/{numero:int}", "GET", "/rete/patto/versioni/1", A.Ok, A.Ok, A.Ok, A.Ok, A.NotFound, A.Ok),
        // Signing for a partner: partner staff and merchants; the administrator passes the policy but signs for no partner (an empty state).
        new Row("/rete/patto/adesione", "GET", "/rete/patto/adesione", A.Login, A.Denied, A.Ok, A.Denied, A.Denied, A.Ok).And(A.Ok, A.Denied),
        new Row("/rete/patto/adesione/ritira", "GET", "/rete/patto/adesione/ritira", A.Login, A.Denied, A.Ok, A.Denied, A.Denied, A.Ok).And(A.Ok, A.Denied),
        Coordinator("/gestione/patto"), Coordinator("/gestione/patto/versioni"),
        Coordinator("/gestione/patto/versioni/{numero:int}", "/gestione/patto/versioni/1", other: A.NotFound),
        // Only a draft has a publish page: version 1 is published, so whoever may enter gets 404.
        new Row("/gestione/patto/versioni/{numero:int}/pubblica", "GET", "/gestione/patto/versioni/1/pubblica", A.Login, A.Denied, A.Denied, A.NotFound, A.NotFound, A.NotFound),
        Coordinator("/gestione/patto/enti/{id:guid}", "/gestione/patto/enti/{partner}", other: A.NotFound),
        Coordinator("/gestione/patto/enti/{id:guid}/ritira", "/gestione/patto/enti/{partner}/ritira", other: A.NotFound),
        // Working tables. {table} is Portogruaro's parenting table, whose referent is the PartnerStaff; the merchant, the officer
        // and Lucca's family do not sit at it (404). {meeting}, {table-action} and {document} are that table's.
        Member("/rete/tavoli"),
        TableObject("/rete/tavoli/{id:guid}", "/rete/tavoli/{table}"),
        TableObject("/rete/tavoli/{id:guid}/incontri/nuovo", "/rete/tavoli/{table}/incontri/nuovo"),
        TableObject("/rete/tavoli/{id:guid}/azioni/nuova", "/rete/tavoli/{table}/azioni/nuova"),
        TableObject("/rete/tavoli/incontri/{id:guid}", "/rete/tavoli/incontri/{meeting}"),
        TableObject("/rete/tavoli/incontri/{id:guid}/modifica", "/rete/tavoli/incontri/{meeting}/modifica"),
        TableObject("/rete/tavoli/incontri/{id:guid}/invito.ics", "/rete/tavoli/incontri/{meeting}/invito.ics"),
        TableObject("/rete/tavoli/azioni/{id:guid}", "/rete/tavoli/azioni/{table-action}"),
        TableObject("/rete/tavoli/documenti/{id:guid}", "/rete/tavoli/documenti/{document}"),
        TableObject("/rete/tavoli/documenti/{id:guid}/elimina", "/rete/tavoli/documenti/{document}/elimina"),
        // The QR's page answers everyone signed in with a message (here: no code), never a 404 that would tell apart tables.
        new("/rete/tavoli/incontri/{id:guid}/presenza", "GET", "/rete/tavoli/incontri/{meeting}/presenza", A.Login, A.Ok, A.Ok, A.Ok, A.Ok, A.Ok),
        Coordinator("/gestione/tavoli"), Coordinator("/gestione/tavoli/nuovo"),
        Coordinator("/gestione/tavoli/{id:guid}", "/gestione/tavoli/{table}", other: A.NotFound),
        Coordinator("/gestione/tavoli/{id:guid}/membri", "/gestione/tavoli/{table}/membri", other: A.NotFound),
        // Comunicazioni: {message} is a message Portogruaro's coordinator sent.
        Coordinator("/gestione/comunicazioni"), Coordinator("/gestione/comunicazioni/nuova"),
        Coordinator("/gestione/comunicazioni/{id:guid}", "/gestione/comunicazioni/{message}", other: A.NotFound),
        // Questionari: management for coordinators and for referents of the partners they allow (the demo allows the
        // partner of referente@portogruaro.demo). {survey} is Portogruaro's demo questionnaire (closed, results public),
        // the coordination's: the allowed referent gets 404 there; {own-survey} is a questionnaire of the referent's partner.
        new("/gestione/questionari", "GET", "/gestione/questionari", A.Login, A.Denied, A.Ok, A.Ok, A.Ok, A.Ok),
        Coordinator("/gestione/questionari/enti"),
        SurveyPage("/gestione/questionari/{id:guid}", "/gestione/questionari/{survey}"),
        SurveyPage("/gestione/questionari/{id:guid}/domande/{question:guid?}", "/gestione/questionari/{survey}/domande"),
        SurveyPage("/gestione/questionari/{id:guid}/sezioni/{section:guid}", "/gestione/questionari/{survey}/sezioni/{survey-section}"),
        SurveyPage("/gestione/questionari/{id:guid}/anteprima", "/gestione/questionari/{survey}/anteprima"),
        SurveyPage("/gestione/questionari/{id:guid}/scuole", "/gestione/questionari/{survey}/scuole"),
        // Inviting the registry's households stays with the coordinators, even for the partner's own questionnaire.
        Coordinator("/gestione/questionari/{id:guid}/inviti", "/gestione/questionari/{survey}/inviti", other: A.NotFound),
        Coordinator("/gestione/questionari/{id:guid}/inviti", "/gestione/questionari/{own-survey}/inviti", other: A.NotFound),
        SurveyPage("/gestione/questionari/{id:guid}/traduzioni", "/gestione/questionari/{survey}/traduzioni?lingua=en"),
        SurveyPage("/gestione/questionari/{id:guid}/risultati", "/gestione/questionari/{survey}/risultati"),
        SurveyPage("/gestione/questionari/{id:guid}/risultati", "/gestione/questionari/{survey}/risultati?handler=Csv"),
        SurveyPage("/gestione/questionari/{id:guid}/risultati", "/gestione/questionari/{survey}/risultati?handler=Texts"),
        SurveyPage("/gestione/questionari/{id:guid}/risultati", "/gestione/questionari/{survey}/risultati?handler=Xlsx"),
        SurveyPage("/gestione/questionari/{id:guid}/risultati", "/gestione/questionari/{survey}/risultati?handler=Pdf"),
        SurveyPage("/gestione/questionari/{id:guid}/risultati", "/gestione/questionari/{survey}/risultati?handler=Table"),
        SurveyPage("/gestione/questionari/{id:guid}", "/gestione/questionari/{own-survey}", partnerStaff: A.Ok),
        SurveyPage("/gestione/questionari/{id:guid}/domande/{question:guid?}", "/gestione/questionari/{own-survey}/domande", partnerStaff: A.Ok),
        SurveyPage("/gestione/questionari/{id:guid}/anteprima", "/gestione/questionari/{own-survey}/anteprima", partnerStaff: A.Ok),
        SurveyPage("/gestione/questionari/{id:guid}/scuole", "/gestione/questionari/{own-survey}/scuole", partnerStaff: A.Ok),
        SurveyPage("/gestione/questionari/{id:guid}/traduzioni", "/gestione/questionari/{own-survey}/traduzioni?lingua=en", partnerStaff: A.Ok),
        SurveyPage("/gestione/questionari/{id:guid}/risultati", "/gestione/questionari/{own-survey}/risultati", partnerStaff: A.Ok),
        SurveyPage("/gestione/questionari/{id:guid}/risultati", "/gestione/questionari/{own-survey}/risultati?handler=Csv", partnerStaff: A.Ok),
        // Answering: anyone in the questionnaire's network (the family is in Lucca, the other coordinator in Brianza: 404).
        Public("/questionari"),
        new Row("/questionari/{id:guid}", "GET", "/questionari/{survey}", A.Ok, A.NotFound, A.Ok, A.Ok, A.NotFound, A.Ok).And(A.Ok, A.Ok),
        new Row("/questionari/{id:guid}/compila", "GET", "/questionari/{survey}/compila?codice=AAAAA-AAAAA", A.Ok, A.NotFound, A.Ok, A.Ok, A.NotFound, A.Ok).And(A.Ok, A.Ok),
        new Row("/questionari/{id:guid}/grazie", "GET", "/questionari/{survey}/grazie", A.Ok, A.NotFound, A.Ok, A.Ok, A.NotFound, A.Ok).And(A.Ok, A.Ok),
        new Row("/questionari/{id:guid}/risultati", "GET", "/questionari/{survey}/risultati", A.Ok, A.NotFound, A.Ok, A.Ok, A.NotFound, A.Ok).And(A.Ok, A.Ok),
        new Row("/questionari/{id:guid}/risultati", "GET", "/questionari/{survey}/risultati?handler=Table", A.Ok, A.NotFound, A.Ok, A.Ok, A.NotFound, A.Ok).And(A.Ok, A.Ok),
        // Percorsi (support paths): social operators, supervisors of paths and volunteers of Pavia's organisations; nobody in
        // the matrix holds those roles. The administrator passes the role policy but is on no team: an empty list, an intake page
        // that says an operator's role is needed, and 404 on a path. {support-case} is a Pavia demo path.
        new Row("/percorsi", "GET", "/percorsi", A.Login, A.Denied, A.Denied, A.Denied, A.Denied, A.Ok).And(A.Denied, A.Denied),
        new Row("/percorsi/invii", "GET", "/percorsi/invii", A.Login, A.Denied, A.Denied, A.Denied, A.Denied, A.Ok).And(A.Denied, A.Denied),
        new Row("/percorsi/nuovo", "GET", "/percorsi/nuovo", A.Login, A.Denied, A.Denied, A.Denied, A.Denied, A.Ok).And(A.Denied, A.Denied),
        new Row("/percorsi/{id:guid}", "GET", "/percorsi/{support-case}", A.Login, A.Denied, A.Denied, A.Denied, A.Denied, A.NotFound).And(A.Denied, A.Denied),
        new Row("/percorsi/{id:guid}/accessi", "GET", "/percorsi/{support-case}/accessi", A.Login, A.Denied, A.Denied, A.Denied, A.Denied, A.NotFound).And(A.Denied, A.Denied),
        // The coordinator's anonymous counts (of the network the coordinator works in); the family's own path (an empty state without one).
        Coordinator("/percorsi/riepilogo"), Coordinator("/gestione/percorsi"),
        // The evaluation of the programme and its restitution report (anonymised aggregates, the network the coordinator works in).
        Coordinator("/gestione/valutazione"), Coordinator("/gestione/valutazione", "/gestione/valutazione?handler=Pdf"),
        Coordinator("/gestione/valutazione", "/gestione/valutazione?handler=Xlsx"),
        Member("/percorsi/il-nostro-percorso"),
        // Community labs, training, volunteer registry (Support). The objects ({lab}, {lab-session}, {course}, {course-session},
        // {volunteer}) are Pavia's: for these Portogruaro people (and Brianza's coordinator) they are another network's, so 404;
        // SupportCommunityAccessTests checks the answers of Pavia's own people.
        Public("/laboratori"),
        Same("/laboratori/{id:guid}", A.NotFound, "/laboratori/{lab}"),
        new("/laboratori/gestione", "GET", "/laboratori/gestione", A.Login, A.Denied, A.Ok, A.Ok, A.Ok, A.Ok),
        new("/laboratori/nuovo", "GET", "/laboratori/nuovo", A.Login, A.Denied, A.Ok, A.Ok, A.Ok, A.Ok),
        new("/laboratori/{id:guid}/modifica", "GET", "/laboratori/{lab}/modifica", A.Login, A.Denied, A.NotFound, A.NotFound, A.NotFound, A.NotFound),
        new("/laboratori/{id:guid}/incontri", "GET", "/laboratori/{lab}/incontri", A.Login, A.Denied, A.NotFound, A.NotFound, A.NotFound, A.NotFound),
        new("/laboratori/{id:guid}/ascolto", "GET", "/laboratori/{lab}/ascolto", A.Login, A.Denied, A.NotFound, A.NotFound, A.NotFound, A.NotFound),
        new("/laboratori/incontri/{id:guid}", "GET", "/laboratori/incontri/{lab-session}", A.Login, A.Denied, A.NotFound, A.NotFound, A.NotFound, A.NotFound),
        new("/formazione", "GET", "/formazione", A.Login, A.Denied, A.Ok, A.Ok, A.Ok, A.Ok),
        new("/formazione/nuovo", "GET", "/formazione/nuovo", A.Login, A.Denied, A.Ok, A.Ok, A.Ok, A.Ok),
        new("/formazione/{id:guid}", "GET", "/formazione/{course}", A.Login, A.Denied, A.NotFound, A.NotFound, A.NotFound, A.NotFound),
        new("/formazione/{id:guid}/attestato", "GET", "/formazione/{course}/attestato", A.Login, A.Denied, A.NotFound, A.NotFound, A.NotFound, A.NotFound),
        new("/formazione/incontri/{id:guid}", "GET", "/formazione/incontri/{course-session}", A.Login, A.Denied, A.NotFound, A.NotFound, A.NotFound, A.NotFound),
        new("/volontari", "GET", "/volontari", A.Login, A.Denied, A.Ok, A.Ok, A.Ok, A.Ok),
        new("/volontari/nuovo", "GET", "/volontari/nuovo", A.Login, A.Denied, A.Ok, A.Ok, A.Ok, A.Ok),
        new("/volontari/ore", "GET", "/volontari/ore", A.Login, A.Denied, A.Ok, A.Ok, A.Ok, A.Ok),
        new("/volontari/{id:guid}", "GET", "/volontari/{volunteer}", A.Login, A.Denied, A.NotFound, A.NotFound, A.NotFound, A.NotFound),
        // Volunteers only (administrators pass every role check and see an empty page).
        new("/volontari/la-mia-attivita", "GET", "/volontari/la-mia-attivita", A.Login, A.Denied, A.Denied, A.Denied, A.Denied, A.Ok),
        Coordinator("/volontari/impostazioni"),
        // Banca del tempo (Sharing/TimeBank). The landing page is public. The demo banks: Lucca's family is a member, Portogruaro's
        // and Brianza's coordinators (and the administrator) manage theirs, the other Portogruaro people are not members (the
        // members' pages send them back to the landing page to join). The unknown ids are 404. TimeBankTests checks the
        // answers of Pavia's bank, its members, its managers and people of other networks.
        Public("/banca-del-tempo"),
        new Row("/banca-del-tempo/annunci/nuovo", "GET", "/banca-del-tempo/annunci/nuovo", A.Login, A.Ok, A.Redirect, A.Redirect, A.Redirect, A.Redirect).And(A.Redirect, A.Redirect),
        new Row("/banca-del-tempo/annunci/{id:guid}", "GET", "/banca-del-tempo/annunci/00000000-0000-0000-0000-000000000001", A.Login, A.NotFound, A.Redirect, A.Redirect, A.Redirect, A.Redirect).And(A.Redirect, A.Redirect),
        new Row("/banca-del-tempo/scambi/nuovo", "GET", "/banca-del-tempo/scambi/nuovo", A.Login, A.Ok, A.Redirect, A.Redirect, A.Redirect, A.Redirect).And(A.Redirect, A.Redirect),
        new("/banca-del-tempo/scambi/{id:guid}", "GET", "/banca-del-tempo/scambi/00000000-0000-0000-0000-000000000001", A.Login, A.NotFound, A.NotFound, A.NotFound, A.NotFound, A.NotFound),
        new Row("/banca-del-tempo/estratto", "GET", "/banca-del-tempo/estratto", A.Login, A.Ok, A.Redirect, A.Redirect, A.Redirect, A.Redirect).And(A.Redirect, A.Redirect),
        new Row("/banca-del-tempo/estratto.csv", "GET", "/banca-del-tempo/estratto.csv", A.Login, A.Ok, A.NotFound, A.NotFound, A.NotFound, A.NotFound).And(A.NotFound, A.NotFound),
        new Row("/banca-del-tempo/estratto.pdf", "GET", "/banca-del-tempo/estratto.pdf", A.Login, A.Ok, A.NotFound, A.NotFound, A.NotFound, A.NotFound).And(A.NotFound, A.NotFound),
        new("/banca-del-tempo/gestione", "GET", "/banca-del-tempo/gestione", A.Login, A.NotFound, A.NotFound, A.Ok, A.Ok, A.Ok),
        new("/banca-del-tempo/gestione/regole", "GET", "/banca-del-tempo/gestione/regole", A.Login, A.NotFound, A.NotFound, A.Ok, A.Ok, A.Ok),
        new("/banca-del-tempo/gestione/registra", "GET", "/banca-del-tempo/gestione/registra", A.Login, A.NotFound, A.NotFound, A.Ok, A.Ok, A.Ok),
        new("/banca-del-tempo/gestione/resoconti", "GET", "/banca-del-tempo/gestione/resoconti", A.Login, A.NotFound, A.NotFound, A.Ok, A.Ok, A.Ok),
        new("/banca-del-tempo/gestione/attivita", "GET", "/banca-del-tempo/gestione/attivita", A.Login, A.NotFound, A.NotFound, A.Ok, A.Ok, A.Ok),
        // Condividi (Sharing): the network's people read the posts; {sharing-post} and {sharing-photo} are a published post of
        // Portogruaro (another network's family, in Lucca, and Brianza's coordinator get 404); {conversation} is between two other
        // families of Portogruaro, so 404 for everyone here (ConversationTests checks the parties' answers).
        Member("/condividi"), Member("/condividi/nuovo"), Member("/condividi/i-miei-annunci"), Member("/condividi/ricerche"), Member("/condividi/messaggi"),
        new Row("/condividi/{id:guid}", "GET", "/condividi/{sharing-post}", A.Login, A.NotFound, A.Ok, A.Ok, A.NotFound, A.Ok).And(A.Ok, A.Ok),
        new Row("/condividi/foto/{id:guid}", "GET", "/condividi/foto/{sharing-photo}", A.Login, A.NotFound, A.Ok, A.Ok, A.NotFound, A.Ok).And(A.Ok, A.Ok),
        new Row("/condividi/foto/{id:guid}", "GET", "/condividi/foto/{sharing-photo}?mini=true", A.Login, A.NotFound, A.Ok, A.Ok, A.NotFound, A.Ok).And(A.Ok, A.Ok),
        Same("/condividi/messaggi/{id:guid}", A.NotFound, "/condividi/messaggi/{conversation}") with { Anonymous = A.Login },
        Same("/condividi/messaggi/{id:guid}", A.NotFound, "/condividi/messaggi/{conversation}?handler=Ics") with { Anonymous = A.Login },
        // Moderators: the coordinators (each of their own network) and the partner staff they name.
        new Row("/condividi/moderazione", "GET", "/condividi/moderazione", A.Login, A.Denied, A.Denied, A.Ok, A.Ok, A.Ok),
        // Collection points: the partners' staff only.
        new Row("/condividi/punto-raccolta", "GET", "/condividi/punto-raccolta", A.Login, A.Denied, A.Ok, A.Denied, A.Denied, A.Denied),
        Coordinator("/gestione/condividi"),
        // Gruppi di acquisto (Sharing/PurchasingGroups): {gaf-group} is Brianza's «GAF Seveso», {gaf-cycle} its open order, {gaf-member} one of
        // its families. A group answers to its members, referents and Brianza's coordinators: here only the Brianza coordinator (the
        // network's manager is referent and treasurer of every group); everybody else, in other networks, gets 404.
        // PurchasingGroupTests checks the members' and referents' answers.
        Member("/gruppi-acquisto"),
        GafObject("/gruppi-acquisto/{id:guid}", "/gruppi-acquisto/{gaf-group}"),
        GafObject("/gruppi-acquisto/{id:guid}/fornitori", "/gruppi-acquisto/{gaf-group}/fornitori"),
        GafObject("/gruppi-acquisto/{id:guid}/nuovo-ordine", "/gruppi-acquisto/{gaf-group}/nuovo-ordine"),
        GafObject("/gruppi-acquisto/{id:guid}/cassa", "/gruppi-acquisto/{gaf-group}/cassa"),
        GafObject("/gruppi-acquisto/{id:guid}/soci", "/gruppi-acquisto/{gaf-group}/soci"),
        GafObject("/gruppi-acquisto/{id:guid}/estratto", "/gruppi-acquisto/{gaf-group}/estratto?socio={gaf-member}"),
        GafObject("/gruppi-acquisto/ordini/{id:guid}", "/gruppi-acquisto/ordini/{gaf-cycle}"),
        GafObject("/gruppi-acquisto/ordini/{id:guid}/riepilogo", "/gruppi-acquisto/ordini/{gaf-cycle}/riepilogo"),
        GafObject("/gruppi-acquisto/ordini/{id:guid}/riepilogo", "/gruppi-acquisto/ordini/{gaf-cycle}/riepilogo?handler=Csv"),
        GafObject("/gruppi-acquisto/ordini/{id:guid}/riepilogo", "/gruppi-acquisto/ordini/{gaf-cycle}/riepilogo?handler=Pdf"),
        GafObject("/gruppi-acquisto/ordini/{id:guid}/consegna", "/gruppi-acquisto/ordini/{gaf-cycle}/consegna"),
        // Public API
        Public("/api/v1/networks"),
        Public("/api/v1/networks/{slug}/partners", "/api/v1/networks/portogruaro/partners"),
    ];

    [Fact]
    public void Every_endpoint_has_a_row()
    {
        // wwwroot's files (MapStaticAssets: one endpoint per file, fingerprint and encoding) are public by nature;
        // PageWeightTests checks how they are served.
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null)
            .Select(e => (Pattern: "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            .SelectMany(e => e.Methods.Select(m => (e.Pattern, Method: m)))
            .Distinct().ToList();
        var missing = endpoints.Where(e => !Matrix.Any(r => r.Pattern == e.Pattern && r.Method == e.Method)).ToList();
        Assert.True(missing.Count == 0, "Endpoints without an access-matrix row: " + string.Join(", ", missing.Select(m => $"{m.Method} {m.Pattern}")));
        var stale = Matrix.Where(r => !endpoints.Any(e => e.Pattern == r.Pattern && e.Method == r.Method)).ToList();
        Assert.True(stale.Count == 0, "Matrix rows without an endpoint: " + string.Join(", ", stale.Select(r => $"{r.Method} {r.Pattern}")));
    }

    public static IEnumerable<object[]> People => Enum.GetValues<Who>().Select(w => new object[] { w });

    [Theory]
    [MemberData(nameof(People))]
    public async Task Each_role_gets_the_expected_answer_everywhere(Who who)
    {
        var client = factory.NewClient();
        await AccessMatrixPeople.SignInAsAsync(client, who);
        var urls = await AccessMatrixPeople.UrlsAsync(factory);

        var wrong = new List<string>();
        foreach (var row in Matrix)
        {
            var url = urls(row.Url);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var response = row.Method == "POST"
                ? await client.Http.PostAsync(url, new FormUrlEncodedContent([]))
                : await client.Http.GetAsync(url);
            var actual = Classify(response);
            var expected = row.For(who);
            output.WriteLine($"{who,-16} {row.Method,-4} {url,-60} {(int)response.StatusCode} {actual} {clock.ElapsedMilliseconds,5} ms{(actual == expected ? "" : $"  ≠ expected {expected}")}");
            if (actual != expected) wrong.Add($"{row.Method} {url}: {actual} ({(int)response.StatusCode} {response.Headers.Location}), expected {expected}");
        }
        Assert.True(wrong.Count == 0, $"{who}:\n" + string.Join("\n", wrong));
    }

    static A Classify(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        return (int)response.StatusCode switch
        {
            200 => A.Ok,
            302 when location.Contains("/account/accedi?") || location.EndsWith("/account/accedi") => location.Contains("ReturnUrl") ? A.Login : A.Redirect,
            302 when location.Contains("/account/accesso-negato") => A.Denied,
            301 or 302 or 303 or 307 => A.Redirect,
            400 => A.BadRequest,
            401 => A.Unauthorized,
            403 => A.Forbidden,
            415 => A.UnsupportedMediaType,
            404 => A.NotFound,
            _ => (A)(-(int)response.StatusCode),
        };
    }
}

/// <summary>The access matrix's people and demo objects, shared with the input probes (EveryInputTests).</summary>
public static class AccessMatrixPeople
{
    /// <summary>Signs <paramref name="client"/> in as <paramref name="who"/> and chooses the network that person works in.</summary>
    public static async Task SignInAsAsync(TestClient client, AccessMatrixTests.Who who)
    {
        switch (who)
        {
            case AccessMatrixTests.Who.Family: await client.SignInOrFailAsync("famiglia@lucca.demo"); await client.ChooseNetworkAsync("lucca"); break;
            case AccessMatrixTests.Who.PartnerStaff: await client.SignInOrFailAsync("referente@portogruaro.demo"); await client.ChooseNetworkAsync("portogruaro"); break;
            case AccessMatrixTests.Who.CoordinatorOwn: await client.AsCoordinatorOfAsync("portogruaro"); break;
            case AccessMatrixTests.Who.CoordinatorOther: await client.AsCoordinatorOfAsync("brianza"); break;
            case AccessMatrixTests.Who.Admin: await client.SignInOrFailAsync("admin@alleanza.demo"); await client.ChooseNetworkAsync("portogruaro"); break;
            case AccessMatrixTests.Who.Merchant: await client.SignInOrFailAsync("esercente@portogruaro.demo"); await client.ChooseNetworkAsync("portogruaro"); break;
            case AccessMatrixTests.Who.Officer: await client.SignInOrFailAsync("comune@portogruaro.demo"); await client.ChooseNetworkAsync("portogruaro"); break;
            default: await client.ChooseNetworkAsync("portogruaro"); break;
        }
    }

    /// <summary>Turns a row's <see cref="AccessMatrixTests.Row.Url"/> into a real address: its {placeholders} become the demo objects' ids.</summary>
    public static async Task<Func<string, string>> UrlsAsync(AlleanzaFactory factory)
    {
        var partner = await factory.WithDbAsync(db => db.Partners.Where(p => db.Networks.Any(n => n.Id == p.NetworkId && n.Slug == "portogruaro")).Select(p => p.Id).FirstAsync());
        var network = await factory.WithDbAsync(db => db.Networks.Where(n => n.Slug == "portogruaro").Select(n => n.Id).FirstAsync());
        var opportunity = await factory.WithDbAsync(db => db.Opportunities.Where(o => o.NetworkId == network && o.Sessions.Any()).Select(o => o.Id).FirstAsync());
        var staffPartner = await factory.WithDbAsync(db => db.Memberships.Where(m => m.User!.Email == "referente@portogruaro.demo").Select(m => m.PartnerId).FirstAsync());
        var own = await factory.WithDbAsync(db => db.Opportunities.Where(o => o.PartnerId == staffPartner).Select(o => o.Id).FirstAsync());
        var familyHousehold = await factory.WithDbAsync(db => db.Households.Where(h => db.Users.Any(u => u.Id == h.OwnerUserId && u.Email == "famiglia@portogruaro.demo")).Select(h => h.Id).FirstAsync());
        var card = await factory.WithDbAsync(db => db.Cards.Where(c => c.HouseholdId == familyHousehold).Select(c => c.Id).FirstAsync());
        var application = await factory.WithDbAsync(db => db.CardApplications.Where(a => a.HouseholdId == familyHousehold).Select(a => a.Id).FirstAsync());
        var stationer = await factory.WithDbAsync(db => db.Partners.Where(p => p.NetworkId == network && p.Name == "Cartoleria Il Quaderno").Select(p => p.Id).FirstAsync());
        var shop = await factory.WithDbAsync(db => db.Shops.Where(s => s.PartnerId == stationer).OrderBy(s => s.NameKey).Select(s => s.Id).FirstAsync());
        var offer = await factory.WithDbAsync(db => db.Offers.Where(o => o.PartnerId == stationer && o.Status == Alleanza.Web.Modules.FamilyCard.OfferStatus.Published).OrderBy(o => o.Title).Select(o => o.Id).FirstAsync());
        // Piano Family: the demo plan of the Comune di Portogruaro, one of its objectives, actions and indicators.
        var plan = await factory.WithDbAsync(db => db.FamilyPlans.Where(p => p.NetworkId == network && p.ComuneId != null).Select(p => p.Id).FirstAsync());
        var objective = await factory.WithDbAsync(db => db.PlanObjectives.Where(o => o.PlanId == plan).Select(o => o.Id).FirstAsync());
        var planAction = await factory.WithDbAsync(db => db.PlanActions.Where(a => a.PlanId == plan).Select(a => a.Id).FirstAsync());
        var indicator = await factory.WithDbAsync(db => db.PlanIndicators.Where(i => i.PlanId == plan).Select(i => i.Id).FirstAsync());
        var table = await factory.WithDbAsync(db => db.WorkingTables.Where(t => t.NetworkId == network && t.Name == "Tavolo genitorialità e benessere della famiglia").Select(t => t.Id).FirstAsync());
        var meeting = await factory.WithDbAsync(db => db.TableMeetings.Where(m => m.TableId == table).OrderBy(m => m.StartsAt).Select(m => m.Id).FirstAsync());
        var tableAction = await factory.WithDbAsync(db => db.TableActions.Where(a => a.TableId == table).OrderBy(a => a.Title).Select(a => a.Id).FirstAsync());
        var document = await factory.WithDbAsync(db => db.TableDocuments.Where(d => d.TableId == table).Select(d => d.Id).FirstAsync());
        var message = await factory.WithDbAsync(async db =>
        {
            var existing = await db.NetworkMessages.Where(m => m.NetworkId == network).Select(m => (Guid?)m.Id).FirstOrDefaultAsync();
            if (existing is { } id) return id;
            var sent = new Alleanza.Web.Modules.Network.Messages.NetworkMessage
            {
                Id = Guid.NewGuid(), NetworkId = network, Audience = Alleanza.Web.Modules.Network.Messages.MessageAudience.Families, AudienceText = "Famiglie",
                Subject = "Festa delle famiglie", Body = "Sabato in piazza la festa delle famiglie della rete.", SentByName = "Giulia Bortolin",
                CreatedAt = DateTime.UtcNow, CompletedAt = DateTime.UtcNow, Status = Alleanza.Web.Modules.Network.Messages.MessageStatus.Sent,
            };
            db.Add(sent);
            await db.SaveChangesAsync();
            return sent.Id;
        });

        var survey = await factory.WithDbAsync(db => db.Surveys.Where(x => x.NetworkId == network && x.Title == Alleanza.Web.Demo.DemoSurveys.PortogruaroTitle).Select(x => x.Id).FirstAsync());
        var surveySection = await factory.WithDbAsync(db => db.SurveySections.Where(x => x.SurveyId == survey).OrderBy(x => x.Position).Select(x => x.Id).FirstAsync());
        var ownSurvey = await factory.WithDbAsync(async db =>
        {
            var existing = await db.Surveys.Where(x => x.NetworkId == network && x.PartnerId == staffPartner).Select(x => (Guid?)x.Id).FirstOrDefaultAsync();
            if (existing is { } id) return id;
            var made = new Alleanza.Web.Modules.Surveys.Survey { Id = Guid.NewGuid(), NetworkId = network, PartnerId = staffPartner, Title = "Il questionario dell'associazione", CreatedAt = DateTime.UtcNow };
            db.Add(made);
            db.Add(new Alleanza.Web.Modules.Surveys.SurveySection { Id = Guid.NewGuid(), SurveyId = made.Id, Position = 1, Title = "Prima parte" });
            await db.SaveChangesAsync();
            return made.Id;
        });

        var supportCase = await factory.WithDbAsync(db => db.SupportCases.Where(c => db.Networks.Any(n => n.Id == c.NetworkId && n.Slug == "pavia")).Select(c => c.Id).FirstAsync());
        // Community labs, training and volunteers: Pavia's demo objects.
        var lab = await factory.WithDbAsync(db => db.CommunityLabs.Where(l => l.Name == "Laboratorio di comunità di Pavia Ovest").Select(l => l.Id).FirstAsync());
        var labSession = await factory.WithDbAsync(db => db.LabSessions.Where(s => s.LabId == lab).OrderBy(s => s.StartsAt).Select(s => s.Id).FirstAsync());
        var course = await factory.WithDbAsync(db => db.TrainingCourses.OrderBy(c => c.Title).Select(c => c.Id).FirstAsync());
        var courseSession = await factory.WithDbAsync(db => db.TrainingSessions.Where(s => s.CourseId == course).OrderBy(s => s.StartsAt).Select(s => s.Id).FirstAsync());
        var volunteer = await factory.WithDbAsync(db => db.VolunteerProfiles.Where(v => db.Users.Any(u => u.Id == v.UserId && u.Email == "volontario@pavia.demo")).Select(v => v.Id).FirstAsync());

        var sharing = await SharingObjectsAsync(factory, network);
        var gafGroup = await factory.WithDbAsync(db => db.GafGroups.Where(g => g.Name == "GAF Seveso").Select(g => g.Id).FirstAsync());
        var gafCycle = await factory.WithDbAsync(db => db.GafCycles.Where(c => c.GroupId == gafGroup && c.Status == Alleanza.Web.Modules.Sharing.PurchasingGroups.CycleStatus.Open).Select(c => c.Id).FirstAsync());
        var gafMember = await factory.WithDbAsync(db => db.GafMembers.Where(m => m.GroupId == gafGroup).OrderBy(m => m.Name).Select(m => m.Id).FirstAsync());
        return url => url.Replace("{support-case}", supportCase.ToString()).Replace("{lab-session}", labSession.ToString()).Replace("{lab}", lab.ToString()).Replace("{course-session}", courseSession.ToString())
            .Replace("{course}", course.ToString()).Replace("{volunteer}", volunteer.ToString())
            .Replace("{partner}", partner.ToString()).Replace("{network}", network.ToString()).Replace("{opportunity}", opportunity.ToString()).Replace("{own}", own.ToString())
            .Replace("{card}", card.ToString()).Replace("{application}", application.ToString())
            .Replace("{shop}", shop.ToString()).Replace("{offer}", offer.ToString())
            .Replace("{plan}", plan.ToString()).Replace("{objective}", objective.ToString()).Replace("{action}", planAction.ToString()).Replace("{indicator}", indicator.ToString())
            .Replace("{table}", table.ToString()).Replace("{meeting}", meeting.ToString()).Replace("{table-action}", tableAction.ToString()).Replace("{document}", document.ToString())
            .Replace("{message}", message.ToString()).Replace("{survey-section}", surveySection.ToString()).Replace("{own-survey}", ownSurvey.ToString()).Replace("{survey}", survey.ToString())
            .Replace("{sharing-post}", sharing.Post.ToString()).Replace("{sharing-photo}", sharing.Photo.ToString()).Replace("{conversation}", sharing.Conversation.ToString())
            .Replace("{gaf-group}", gafGroup.ToString()).Replace("{gaf-cycle}", gafCycle.ToString()).Replace("{gaf-member}", gafMember.ToString());
    }

    /// <summary>A published Condividi post of Portogruaro with a photo, and a conversation about it between two other families (the demo's, or made here).</summary>
    static async Task<(Guid Post, Guid Photo, Guid Conversation)> SharingObjectsAsync(AlleanzaFactory factory, Guid network) =>
        await factory.WithDbAsync(async db =>
        {
            var famiglia = await db.Users.Where(u => u.Email == "famiglia@portogruaro.demo").Select(u => u.Id).FirstAsync();
            var existing = await db.Conversations.Where(c => c.NetworkId == network && c.TopicKind == "scambio" && c.StarterUserId != famiglia && c.OtherUserId != famiglia
                    && db.SharingPosts.Any(p => p.Id == c.TopicId && p.Status == Alleanza.Web.Modules.Sharing.Exchange.PostStatus.Promised && p.CoverPhotoId != null))
                .Select(c => new { c.Id, c.TopicId }).FirstOrDefaultAsync();
            if (existing is not null)
            {
                var photo = await db.SharingPosts.Where(p => p.Id == existing.TopicId).Select(p => p.CoverPhotoId!.Value).FirstAsync();
                return (existing.TopicId, photo, existing.Id);
            }
            var comune = await db.Comuni.Where(c => c.NetworkId == network).Select(c => c.Id).FirstAsync();
            var families = await db.Memberships.Where(m => m.NetworkId == network && m.Role == Alleanza.Web.Platform.Auth.NetworkRole.Family && m.UserId != famiglia)
                .Select(m => m.UserId).Distinct().Take(2).ToListAsync();
            var (owner, taker) = families.Count == 2 ? (families[0], families[1]) : (Guid.NewGuid(), Guid.NewGuid());
            var now = DateTime.UtcNow;
            var post = new Alleanza.Web.Modules.Sharing.Exchange.SharingPost
            {
                Id = Guid.NewGuid(), NetworkId = network, OwnerUserId = owner, Kind = Alleanza.Web.Modules.Sharing.Exchange.PostKind.Gift,
                Category = Alleanza.Web.Modules.Sharing.Exchange.PostCategory.Toys, Title = "Cucina giocattolo", Description = "Cucina di legno per bambini, completa.",
                ComuneId = comune, HandOver = Alleanza.Web.Modules.Sharing.Exchange.HandOverMode.AtHome, Status = Alleanza.Web.Modules.Sharing.Exchange.PostStatus.Promised,
                PromisedToUserId = taker, PromisedAt = now, CreatedAt = now, PublishedAt = now, ExpiresAt = now.AddDays(30),
            };
            var picture = new Alleanza.Web.Modules.Sharing.Exchange.SharingPhoto { Id = Guid.NewGuid(), PostId = post.Id, Width = 1, Height = 1, Content = [0xFF, 0xD8, 0xFF, 0xD9], Thumbnail = [0xFF, 0xD8, 0xFF, 0xD9], CreatedAt = now };
            post.CoverPhotoId = picture.Id;
            var conversation = new Alleanza.Web.Modules.Sharing.Messages.Conversation
            {
                Id = Guid.NewGuid(), NetworkId = network, TopicKind = "scambio", TopicId = post.Id, StarterUserId = taker, OtherUserId = owner, CreatedAt = now, LastMessageAt = now, AgreedAt = now.AddDays(2), AgreedPlace = "Biblioteca",
            };
            db.AddRange(post, picture, conversation);
            await db.SaveChangesAsync();
            return (post.Id, picture.Id, conversation.Id);
        });
}
