using System.Net;
using Alleanza.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Tests.Network;

/// <summary>A coordinator of one network can neither see nor change another network's partners.</summary>
public class TenantIsolationTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    Task<Guid> PartnerOfAsync(string slug) => factory.WithDbAsync(db =>
        db.Partners.Where(p => db.Networks.Any(n => n.Id == p.NetworkId && n.Slug == slug)).OrderBy(p => p.Name).Select(p => p.Id).FirstAsync());

    [Fact]
    public async Task Another_networks_partner_answers_404_to_read_edit_and_delete()
    {
        var foreign = await PartnerOfAsync("portogruaro");
        var nameBefore = await factory.WithDbAsync(db => db.Partners.Where(p => p.Id == foreign).Select(p => p.Name).FirstAsync());
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("brianza");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/gestione/partner/{foreign}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/gestione/partner/{foreign}/elimina")).Status);

        // Posting to the foreign id with a valid token taken from an own page.
        var own = await PartnerOfAsync("brianza");
        var ownPage = await client.GetAsync($"/gestione/partner/{own}");
        var token = ownPage.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var edit = await client.Http.PostAsync($"/gestione/partner/{foreign}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Name"] = "Preso!", ["Input.Kind"] = "Other",
        }));
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        var delete = await client.Http.PostAsync($"/gestione/partner/{foreign}/elimina", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);

        var list = await client.GetAsync("/gestione/partner?q=" + Uri.EscapeDataString(nameBefore));
        Assert.Empty(list.Document.QuerySelectorAll("tbody tr"));
        Assert.Equal(nameBefore, await factory.WithDbAsync(db => db.Partners.Where(p => p.Id == foreign).Select(p => p.Name).FirstAsync()));
    }

    [Fact]
    public async Task Switching_to_another_network_gives_no_management_rights_there()
    {
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("brianza");
        await client.ChooseNetworkAsync("portogruaro");
        var response = await client.GetAsync("/gestione/partner");
        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        Assert.Contains("/account/accesso-negato", response.Location);
    }

    [Fact]
    public async Task Revoking_a_membership_of_another_network_answers_404()
    {
        var foreignMembership = await factory.WithDbAsync(db => db.Memberships.Where(m => db.Networks.Any(n => n.Id == m.NetworkId && n.Slug == "pavia")).Select(m => m.Id).FirstAsync());
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("lucca");
        var people = await client.GetAsync("/gestione/persone");
        var token = people.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await client.Http.PostAsync($"/gestione/persone?handler=Revoke&membershipId={foreignMembership}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Memberships.AnyAsync(m => m.Id == foreignMembership)));
    }

    [Fact]
    public async Task Public_partner_api_lists_only_the_named_network()
    {
        var client = factory.NewClient();
        var json = await client.Http.GetStringAsync("/api/v1/networks/lucca/partners?pageSize=100");
        var luccaNames = await factory.WithDbAsync(db => db.Partners.Where(p => db.Networks.Any(n => n.Id == p.NetworkId && n.Slug == "lucca")).Select(p => p.Name).ToListAsync());
        var otherName = await factory.WithDbAsync(db => db.Partners.Where(p => db.Networks.Any(n => n.Id == p.NetworkId && n.Slug == "pavia")).Select(p => p.Name).FirstAsync());
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(luccaNames.Count, doc.RootElement.GetProperty("total").GetInt32());
        Assert.DoesNotContain(otherName, json);
    }
}
