using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Tests.Network;

public class NetworkAndPartnerTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    Task<Guid> NetworkIdAsync(string slug) => factory.WithDbAsync(db => db.Networks.Where(n => n.Slug == slug).Select(n => n.Id).FirstAsync());
    Task<Guid> ComuneIdAsync(string slug, string name) => factory.WithDbAsync(db => db.Comuni.Where(c => c.Name == name && db.Networks.Any(n => n.Id == c.NetworkId && n.Slug == slug)).Select(c => c.Id).FirstAsync());

    [Fact]
    public async Task Administrator_creates_a_network_with_Comuni_and_invites_its_coordinator_who_accepts()
    {
        var admin = factory.NewClient();
        await admin.SignInOrFailAsync("admin@alleanza.demo");
        var form = await admin.GetAsync("/amministrazione/reti/nuova");
        var created = await admin.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["Input.Name"] = "Alleanza per la famiglia di Verona", ["Input.Region"] = "Veneto", ["Input.ContactEmail"] = "rete@verona.example.it",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var networkPage = await admin.GetAsync(created.Location!);
        Assert.Contains("alleanza-per-la-famiglia-di-verona", networkPage.Text);

        var added = await admin.SubmitAsync(networkPage, new Dictionary<string, string?> { ["NewComune.Name"] = "Verona", ["NewComune.Province"] = "VR" }, follow: true);
        Assert.Contains("Comune di Verona aggiunto.", added.Text);
        var duplicate = await admin.SubmitAsync(added, new Dictionary<string, string?> { ["NewComune.Name"] = "verona" });
        Assert.Contains("Il Comune di verona è già nella rete.", duplicate.Errors);
        var badProvince = await admin.SubmitAsync(added, new Dictionary<string, string?> { ["NewComune.Name"] = "Bussolengo", ["NewComune.Province"] = "Verona" });
        Assert.Contains("La provincia è una sigla di due lettere (per esempio VE).", badProvince.Errors);

        var email = $"coord-{Guid.NewGuid():N}@verona.example.it";
        var invited = await admin.SubmitAsync(added, new Dictionary<string, string?> { ["CoordinatorEmail"] = email }, follow: true);
        Assert.Contains($"Invito da coordinatore inviato a {email}.", invited.Text);

        // The invited person registers with that address, confirms it, signs in and accepts.
        var person = factory.NewClient();
        var invitationLink = Mailbox.LinkIn(await Mailbox.WaitForAsync(email, "Invito in Alleanza per la famiglia di Verona"));
        var invitation = await person.GetAsync(invitationLink);
        Assert.Contains("Coordinatore", invitation.Text);
        var register = await person.GetAsync("/account/registrati");
        await person.SubmitAsync(register, new Dictionary<string, string?>
        {
            ["Input.DisplayName"] = "Anna Verdi", ["Input.Email"] = email, ["Input.Password"] = "coordinare-2026", ["Input.ConfirmPassword"] = "coordinare-2026", ["Input.AcceptPrivacy"] = "true",
        });
        await person.GetAsync(Mailbox.LinkIn(await Mailbox.WaitForAsync(email, "Conferma")));
        await person.SignInOrFailAsync(email, "coordinare-2026");
        var accepted = await person.SubmitAsync(await person.GetAsync(invitationLink), new Dictionary<string, string?>(), "main form");
        Assert.Equal("/account", accepted.Location);

        await person.ChooseNetworkAsync("alleanza-per-la-famiglia-di-verona");
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/gestione/partner")).Status);
        // The link works once.
        Assert.Contains("già stato accettato", (await person.GetAsync(invitationLink)).Text);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "membership.grant" && a.Details!.Contains(email))));
    }

    [Fact]
    public async Task Coordinator_adds_edits_finds_and_deletes_a_partner()
    {
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("portogruaro");
        var caorle = await ComuneIdAsync("portogruaro", "Caorle");
        var gruaro = await ComuneIdAsync("portogruaro", "Gruaro");

        var form = await client.GetAsync("/gestione/partner/nuovo");
        var created = await client.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["Input.Name"] = "Ludoteca Città Giardino", ["Input.Kind"] = nameof(PartnerKind.CulturalAssociation),
            ["Input.PostalCode"] = "30026", ["Input.City"] = "Caorle", ["Input.Email"] = "info@ludoteca.example.it",
            ["Input.Website"] = "https://ludoteca.example.it", ["Input.ComuneIds"] = TestClient.Many(caorle, gruaro),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var id = Guid.Parse(created.Location!.Split('/').Last());

        // Accent- and case-insensitive search finds it; paging keeps the filters.
        var found = await client.GetAsync("/gestione/partner?q=CITTA%20giardino");
        Assert.Contains("Ludoteca Città Giardino", found.Text);
        Assert.Contains("1 ente trovato", found.Text);
        var byKind = await client.GetAsync($"/gestione/partner?tipo={(int)PartnerKind.CulturalAssociation}&comune={gruaro}");
        Assert.Contains("Ludoteca Città Giardino", byKind.Text);

        var edit = await client.GetAsync($"/gestione/partner/{id}");
        var saved = await client.SubmitAsync(edit, new Dictionary<string, string?> { ["Input.Name"] = "Ludoteca Città Giardino APS", ["Input.Phone"] = "0421 123456" }, "form:not([action])", follow: true);
        Assert.Contains("Modifiche salvate.", saved.Text);
        var stored = await factory.WithDbAsync(db => db.Partners.Include(p => p.ComuniServed).FirstAsync(p => p.Id == id));
        Assert.Equal("Ludoteca Città Giardino APS", stored.Name);
        Assert.Equal("ludoteca citta giardino aps", stored.NameKey);
        Assert.Equal(2, stored.ComuniServed.Count);

        var confirm = await client.GetAsync($"/gestione/partner/{id}/elimina");
        Assert.Contains("Eliminare «Ludoteca Città Giardino APS»?", confirm.Text);
        var deleted = await client.SubmitAsync(confirm, new Dictionary<string, string?>(), "main form", follow: true);
        Assert.Contains("eliminato", deleted.Text);
        Assert.False(await factory.WithDbAsync(db => db.Partners.AnyAsync(p => p.Id == id)));
        Assert.Equal(3, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == id.ToString())));
    }

    [Fact]
    public async Task Partner_form_rejects_bad_input_with_field_messages_and_loses_nothing()
    {
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("portogruaro");
        var otherNetworksComune = await ComuneIdAsync("brianza", "Seveso");
        var form = await client.GetAsync("/gestione/partner/nuovo");
        var result = await client.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["Input.Name"] = "", ["Input.Kind"] = "99", ["Input.PostalCode"] = "3002", ["Input.Email"] = "scuola@", ["Input.Website"] = "www.senza-schema",
            ["Input.Description"] = "Descrizione da non perdere", ["Input.ComuneIds"] = otherNetworksComune.ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("Inserisci il nome dell'ente.", result.Errors);
        Assert.Contains("Il CAP è fatto di 5 cifre.", result.Errors);
        Assert.Contains("Inserisci un indirizzo email valido.", result.Errors);
        Assert.Contains("Inserisci un indirizzo web completo, per esempio https://www.esempio.it.", result.Errors);
        Assert.Contains("Scegli i Comuni dall'elenco della rete.", result.Errors);
        Assert.Contains(result.Errors, e => e.Contains("Il valore «99» non è valido"));
        Assert.Equal("Descrizione da non perdere", result.Document.QuerySelector("#Input_Description")!.TextContent.Trim());
    }

    [Fact]
    public async Task Partner_list_pages_through_the_48_partners_of_Portogruaro()
    {
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("portogruaro");
        var total = await factory.WithDbAsync(async db => { var id = await db.Networks.Where(n => n.Slug == "portogruaro").Select(n => n.Id).FirstAsync(); return await db.Partners.CountAsync(p => p.NetworkId == id); });
        Assert.True(total >= 48);
        var first = await client.GetAsync("/gestione/partner");
        Assert.Equal(20, first.Document.QuerySelectorAll("tbody tr").Length);
        var last = await client.GetAsync($"/gestione/partner?pagina={(total + 19) / 20}");
        Assert.Equal(total - 20 * ((total - 1) / 20), last.Document.QuerySelectorAll("tbody tr").Length);
        var beyond = await client.GetAsync("/gestione/partner?pagina=999");
        Assert.Equal(HttpStatusCode.OK, beyond.Status);
        Assert.True(beyond.Document.QuerySelectorAll("tbody tr").Length > 0);
        var garbage = await client.GetAsync("/gestione/partner?pagina=abc&tipo=xyz&comune=nope");
        Assert.Equal(HttpStatusCode.OK, garbage.Status);
    }

    [Fact]
    public async Task Coordinator_invites_partner_staff_who_then_holds_the_role_for_that_partner()
    {
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("brianza");
        var partnerId = await factory.WithDbAsync(db => db.Partners.Where(p => p.Name == "Panificio Fratelli Brambilla").Select(p => p.Id).FirstAsync());
        var page = await client.GetAsync($"/gestione/partner/{partnerId}");
        var bad = await client.SubmitAsync(page, new Dictionary<string, string?> { ["Invite.Email"] = "x@esempio.it", ["Invite.Role"] = nameof(NetworkRole.Coordinator) });
        Assert.Contains("Scegli uno dei ruoli del personale di un ente dall'elenco.", bad.Errors);
        // Every role of an organisation can be invited from its page (volunteers and social operators belong to one too).
        Assert.Equal(["PartnerStaff", "Merchant", "SocialOperator", "Volunteer", "SupportSupervisor"],
            page.Document.QuerySelectorAll("select[name='Invite.Role'] option[value]:not([value=''])").Select(o => o.GetAttribute("value")));

        var email = "coordinatore@lucca.demo"; // an existing account, of another network
        var invited = await client.SubmitAsync(page, new Dictionary<string, string?> { ["Invite.Email"] = email, ["Invite.Role"] = nameof(NetworkRole.Merchant) }, follow: true);
        Assert.Contains($"Invito inviato a {email}.", invited.Text);
        var link = Mailbox.LinkIn(await Mailbox.WaitForAsync(email, "Invito in Rete dei Comuni"));

        var person = factory.NewClient();
        await person.SignInOrFailAsync(email);
        var accepted = await person.SubmitAsync(await person.GetAsync(link), new Dictionary<string, string?>(), "main form");
        Assert.Equal(HttpStatusCode.Redirect, accepted.Status);
        var brianza = await NetworkIdAsync("brianza");
        Assert.True(await factory.WithDbAsync(db => db.Memberships.AnyAsync(m => m.NetworkId == brianza && m.PartnerId == partnerId && m.Role == NetworkRole.Merchant && m.User!.Email == email)));
        var staff = await client.GetAsync($"/gestione/partner/{partnerId}");
        Assert.Contains("Chiara Bertolucci", staff.Text);
    }

    [Fact]
    public async Task An_invitation_for_another_address_is_not_accepted()
    {
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("pavia");
        // A volunteer belongs to an organisation: invited from its page.
        var partnerId = await factory.WithDbAsync(db => db.Partners.Where(p => p.Name == "Consorzio Sociale Pavese").Select(p => p.Id).FirstAsync());
        var partnerPage = await client.GetAsync($"/gestione/partner/{partnerId}");
        var email = $"volontaria-{Guid.NewGuid():N}@esempio.it";
        await client.SubmitAsync(partnerPage, new Dictionary<string, string?> { ["Invite.Email"] = email, ["Invite.Role"] = nameof(NetworkRole.Volunteer) });
        var link = Mailbox.LinkIn(await Mailbox.WaitForAsync(email, "Invito"));
        var other = factory.NewClient();
        await other.SignInOrFailAsync("operatore@pavia.demo");
        var result = await other.SubmitAsync(await other.GetAsync(link), new Dictionary<string, string?>(), "main form");
        Assert.Contains("sei collegato con un altro indirizzo", result.Text);
        Assert.Contains("Questo invito non esiste", (await other.GetAsync("/account/invito?token=inventato")).Text);
    }
}
