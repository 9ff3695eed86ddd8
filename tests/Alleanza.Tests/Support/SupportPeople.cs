using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Support;

/// <summary>New people with a role in a demo network (fresh e-mails), signed in, for the labs, training and volunteer tests.</summary>
public static class SupportPeople
{
    const string Password = "comunita-2026";

    public sealed record Person(TestClient Client, string Email, Guid UserId);

    public static Task<Guid> NetworkAsync(this AlleanzaFactory factory, string slug) =>
        factory.WithDbAsync(db => db.Networks.Where(n => n.Slug == slug).Select(n => n.Id).FirstAsync());

    public static Task<Guid> PartnerAsync(this AlleanzaFactory factory, string name) =>
        factory.WithDbAsync(db => db.Partners.Where(p => p.Name == name).Select(p => p.Id).FirstAsync());

    public static async Task<Person> NewPersonAsync(this AlleanzaFactory factory, NetworkRole role, string? partner = null, string network = "pavia")
    {
        var email = $"comunita-{Guid.NewGuid():N}@esempio.it";
        var id = Guid.NewGuid();
        var networkId = await factory.NetworkAsync(network);
        Guid? partnerId = partner is null ? null : await factory.PartnerAsync(partner);
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.CreateAsync(new AppUser { Id = id, UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Persona " + email[9..15], CreatedAt = DateTime.UtcNow }, Password)).Succeeded);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Memberships.Add(new Membership { Id = Guid.NewGuid(), UserId = id, NetworkId = networkId, Role = role, PartnerId = partnerId, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var client = factory.NewClient();
        await client.SignInOrFailAsync(email, Password);
        await client.ChooseNetworkAsync(network);
        return new(client, email, id);
    }

    public static async Task<TestClient> CoordinatorAsync(this AlleanzaFactory factory, string network = "pavia")
    {
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync(network);
        return client;
    }
}
