using Alleanza.Web.Modules.Network;
using Alleanza.Web.Modules.Network.Pact;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;

namespace Alleanza.Web.Demo;

/// <summary>
/// Demo collaboration pacts. Lucca (seed 003): version 1 and a later version 2 that adds Condividimi; most partners
/// re-adhered, the municipal nursery school still has to, one partner withdrew. Portogruaro: version 1 with several
/// adhesions, but not the family association of referente@portogruaro.demo nor the stationer, so both can adhere in a demo.
/// </summary>
public static class DemoPact
{
    const string LuccaIntro = """
        Il patto di collaborazione è l'atto con cui il Comune e i cittadini attivi definiscono insieme l'ambito degli interventi di cura e di gestione condivisa dei beni comuni. «Lucca In… famiglia» lo usa per dare forma alla sua rete: cittadini, associazioni, imprese, enti del terzo settore e Comune di Lucca, con l'assessorato alle Politiche formative.

        ## Art. 1 — Obiettivo
        Creare, attraverso la rete, **azioni di contrasto alla povertà educativa e di sostegno alle famiglie** che nascano dal confronto e dalla collaborazione tra famiglie, enti locali, imprese e terzo settore, perché nessuna famiglia si trovi da sola di fronte alle difficoltà che incontra.

        ## Art. 2 — Chi aderisce
        Possono aderire enti pubblici, scuole, associazioni, cooperative e altri soggetti del terzo settore, imprese e gruppi di cittadini che operano a Lucca. L'adesione è firmata da chi rappresenta l'ente.

        ## Art. 3 — Impegni comuni
        Ogni aderente si impegna a:
        - far conoscere alle famiglie le proprie opportunità e quelle della rete, pubblicandole sulla piattaforma;
        - partecipare agli incontri del percorso partecipativo e ai tavoli della rete;
        - dichiarare, al momento dell'adesione, gli impegni concreti che assume verso le famiglie;
        - segnalare alla rete, con il consenso delle famiglie, i bisogni che non trovano risposta.

        ## Art. 4 — Impegni del Comune
        Il Comune di Lucca coordina il percorso, mette a disposizione spazi per gli incontri e cura il raccordo con i servizi comunali.
        """;

    const string LuccaV1End = """

        ## Art. 5 — Durata, verifica, recesso
        Il patto vale due anni dalla pubblicazione. Gli aderenti verificano insieme gli impegni alla fine del primo anno. Ogni aderente può ritirare la propria adesione in qualsiasi momento, indicandone il motivo.
        """;

    const string LuccaV2End = """

        ## Art. 5 — Condividimi
        La rete promuove **Condividimi**, lo scambio tra famiglie di beni, servizi ed esperienze per l'infanzia: i bambini crescono in fretta e ciò che non serve più a una famiglia può servire a un'altra. Gli aderenti che possono raccolgono e ridistribuiscono beni per l'infanzia e ospitano i punti di scambio.

        ## Art. 6 — Durata, verifica, recesso
        Il patto vale due anni dalla pubblicazione. Gli aderenti verificano insieme gli impegni **ogni anno**, e gli impegni confluiscono nel Piano Family della rete. Ogni aderente può ritirare la propria adesione in qualsiasi momento, indicandone il motivo.
        """;

    const string PortogruaroText = """
        L'Alleanza per la famiglia del Portogruarese unisce Comuni, scuole, azienda sanitaria, associazioni di famiglie, associazioni sportive e culturali e operatori economici del territorio, mossi dalla volontà di promuovere il benessere delle famiglie con un sistema a rete.

        ## Art. 1 — Finalità
        - Attivare una rete di coordinamento sul territorio fra enti locali, associazioni di famiglie e forze sociali, economiche e culturali, per politiche finalizzate al benessere della famiglia.
        - Perseguire un **welfare di comunità**, costruito con l'apporto di istituzioni, enti, operatori economici, terzo settore e famiglie.
        - Sostenere la genitorialità ampliando l'offerta di servizi e opportunità per le famiglie.
        - Armonizzare la programmazione territoriale con le politiche regionali di conciliazione.

        ## Art. 2 — Impegni degli aderenti
        Ogni aderente si impegna a orientare, o ri-orientare, i propri servizi sulla piattaforma della rete, a partecipare ad almeno uno dei quattro tavoli di lavoro e a diffondere il questionario alle famiglie attraverso le scuole.

        ## Art. 3 — Coordinamento
        Il coordinamento dell'Alleanza convoca i tavoli, cura la piattaforma e riferisce ogni anno agli aderenti sui risultati.

        ## Art. 4 — Durata e recesso
        Il patto vale fino al 31 dicembre del secondo anno dalla pubblicazione. Ogni aderente può ritirare la propria adesione indicandone il motivo.
        """;

    sealed record Signed(string Partner, string Signatory, string Role, string? Commitments);

    public static void Load(AppDbContext db, Dictionary<string, AllianceNetwork> networks, Dictionary<string, List<Partner>> partners, DateTime now)
    {
        LoadLucca(db, networks["lucca"], partners["lucca"], now);
        LoadPortogruaro(db, networks["portogruaro"], partners["portogruaro"], now);
    }

    static PactVersion Published(AllianceNetwork network, int number, string title, string text, string? change, DateTime at, string by) => new()
    {
        Id = Guid.NewGuid(), NetworkId = network.Id, Number = number, Title = title, Text = text.Trim(), ChangeSummary = change,
        Status = PactVersionStatus.Published, CreatedAt = at.AddDays(-10), UpdatedAt = at, PublishedAt = at, PublishedByName = by,
    };

    static PactAdhesion Adhere(Partner partner, PactVersion version, Signed s, DateTime at, AdhesionChannel channel, string recordedBy) =>
        PactAdhesion.Create(partner.Id, version, s.Signatory, s.Role, DateOnly.FromDateTime(at.ToRome()), s.Commitments, channel, at, null, recordedBy);

    static void LoadLucca(AppDbContext db, AllianceNetwork network, List<Partner> partners, DateTime now)
    {
        const string coordinator = "Chiara Bertolucci";
        var v1 = Published(network, 1, "Patto di collaborazione «Lucca In… famiglia»", LuccaIntro + LuccaV1End, null, now.AddDays(-400), coordinator);
        var v2 = Published(network, 2, "Patto di collaborazione «Lucca In… famiglia»", LuccaIntro + LuccaV2End,
            "Nuovo articolo 5 su Condividimi, lo scambio di beni, servizi ed esperienze per l'infanzia; la verifica degli impegni diventa annuale e gli impegni confluiscono nel Piano Family.",
            now.AddDays(-45), coordinator);
        v1.Status = PactVersionStatus.Superseded;
        v1.SupersededAt = v2.PublishedAt;
        db.PactVersions.AddRange(v1, v2);

        Partner P(string name) => partners.First(p => p.Name == name);
        var comune = new Signed("Comune di Lucca — Politiche formative", "Ilaria Vietina", "Assessora alle Politiche formative",
            "Coordinare il percorso partecipativo della rete con l'assessorato alle Politiche formative.\nMettere a disposizione le sale comunali per gli incontri della rete e per i punti di scambio di Condividimi.");
        var bucaneve = new Signed("Associazione Il Bucaneve", "Marta Giannini", "Presidente",
            "Organizzare due incontri all'anno per genitori sul gioco tra genitori e figli, con pedagogisti ludici.\nAprire la sede il sabato mattina per il gioco libero delle famiglie.");
        var school = new Signed("Scuola dell'infanzia comunale San Vito", "Paola Lencioni", "Coordinatrice pedagogica",
            "Ospitare le attività motorie tenute dall'associazione Panathlon per i bambini della scuola dell'infanzia.\nCoinvolgere i genitori nella festa di fine anno aperta al quartiere.");
        var luce = new Signed("Cooperativa sociale La Luce", "Gabriele Pieroni", "Presidente",
            "Aiuto compiti gratuito per bambini della scuola primaria, due pomeriggi a settimana.\nSegnalare alla rete, con il consenso delle famiglie, i bisogni che non trovano risposta.");
        var condividimi = new Signed("Condividimi — rete di scambio", "Sara Baroni", "Referente del gruppo di cittadini",
            "Gestire lo scambio di beni, servizi ed esperienze per l'infanzia tra le famiglie.\nRaccogliere e ridistribuire passeggini, seggiolini e vestiti da 0 a 6 anni.");

        var adhesions = new List<PactAdhesion>();
        // Version 1: the first adherents.
        foreach (var (s, day) in new[] { (comune, 5), (bucaneve, 12), (school, 20), (luce, 20) })
            adhesions.Add(Adhere(P(s.Partner), v1, s, v1.PublishedAt!.Value.AddDays(day), day == 5 ? AdhesionChannel.Paper : AdhesionChannel.Online, day == 5 ? coordinator : s.Signatory));
        var leaving = partners.Skip(5).First();
        var withdrawn = Adhere(leaving, v1, new Signed(leaving.Name, "Roberto Del Carlo", "Presidente", "Laboratori di lettura per bambini in biblioteca, una volta al mese."),
            v1.PublishedAt!.Value.AddDays(30), AdhesionChannel.Online, "Roberto Del Carlo");
        withdrawn.Withdraw(now.AddDays(-90), "L'associazione ha sospeso le attività per quest'anno.", "Roberto Del Carlo");
        adhesions.Add(withdrawn);
        // Version 2: most re-adhered (the old adhesion stays as history), Condividimi joined; the school has still to renew.
        foreach (var (s, day) in new[] { (comune, 3), (bucaneve, 8), (luce, 15), (condividimi, 10) })
        {
            var at = v2.PublishedAt!.Value.AddDays(day);
            adhesions.FirstOrDefault(a => a.PartnerId == P(s.Partner).Id && a.IsLive)?.Supersede(at);
            adhesions.Add(Adhere(P(s.Partner), v2, s, at, AdhesionChannel.Online, s.Signatory));
        }
        db.PactAdhesions.AddRange(adhesions);
    }

    static void LoadPortogruaro(AppDbContext db, AllianceNetwork network, List<Partner> partners, DateTime now)
    {
        const string coordinator = "Giulia Bortolin";
        var v1 = Published(network, 1, "Patto per l'Alleanza per la famiglia del Portogruarese", PortogruaroText, null, now.AddDays(-120), coordinator);
        db.PactVersions.Add(v1);
        Signed[] signed =
        [
            new("Comune di Portogruaro", "Luigi Toffolo", "Assessore alle Politiche sociali",
                "Mettere a disposizione la sala consiliare per le riunioni dei tavoli.\nPubblicare sulla piattaforma tutti i servizi comunali per l'infanzia e l'adolescenza."),
            new("Istituto Comprensivo di Portogruaro", "Antonella Drigo", "Dirigente scolastica",
                "Distribuire il questionario alle famiglie attraverso i rappresentanti di classe.\nAprire la palestra della scuola primaria il sabato mattina per le attività delle associazioni."),
            new("Azienda ULSS 4 Veneto Orientale", "Francesca Bellotto", "Direttrice dei servizi sociosanitari",
                "Incontri mensili del consultorio familiare sui primi mille giorni, aperti a tutte le famiglie.\nPartecipare al tavolo «Salute e benessere»."),
            new("Cooperativa sociale Il Granello", "Matteo Battiston", "Presidente",
                "Doposcuola a tariffa ridotta per le famiglie con la Carta Famiglia."),
            new("ASD Nuoto Portogruaro", "Cristina Zanutto", "Presidente", null),
            new("Associazione culturale Lemene", "Pietro Morsanutto", "Presidente",
                "Letture animate per bambini da 3 a 6 anni, ogni mese in biblioteca."),
        ];
        var day = 4;
        foreach (var s in signed)
        {
            var paper = s.Partner.StartsWith("Comune", StringComparison.Ordinal);
            db.PactAdhesions.Add(Adhere(partners.First(p => p.Name == s.Partner), v1, s, v1.PublishedAt!.Value.AddDays(day),
                paper ? AdhesionChannel.Paper : AdhesionChannel.Online, paper ? coordinator : s.Signatory));
            day += 6;
        }
    }
}
