using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Tests.Accounts;

public class CreateAdministratorTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    [Fact]
    public async Task Create_admin_promotes_an_existing_account_and_refuses_a_bad_address()
    {
        var client = factory.NewClient();
        await client.SignInOrFailAsync("coordinatore@cidis.demo");
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/amministrazione/reti")).Status);

        Assert.Equal(2, await CreateAdministrator.RunAsync(factory.Services, "non-una-email"));
        Assert.Equal(0, await CreateAdministrator.RunAsync(factory.Services, "coordinatore@cidis.demo"));
        Assert.True(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "coordinatore@cidis.demo").Select(u => u.IsAdministrator).FirstAsync()));

        var fresh = factory.NewClient(); // the flag travels in the sign-in cookie: a new sign-in carries it
        await fresh.SignInOrFailAsync("coordinatore@cidis.demo");
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/amministrazione/reti")).Status);
    }

    [Fact]
    public async Task Create_admin_creates_a_missing_account_that_can_sign_in()
    {
        var email = $"admin-{Guid.NewGuid():N}@ente.it";
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try { Assert.Equal(0, await CreateAdministrator.RunAsync(factory.Services, email)); }
        finally { Console.SetOut(original); }
        var password = output.ToString().Split("password temporanea ")[1].Split(' ')[0];
        var client = factory.NewClient();
        await client.SignInOrFailAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/amministrazione/reti")).Status);
    }
}
