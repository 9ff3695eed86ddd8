using System.Net;
using System.Text;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.FamilyCard;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace Alleanza.Tests.Platform;

/// <summary>The app in the Development environment, where minimal APIs throw BadHttpRequestException for what they cannot bind.</summary>
public sealed class DevelopmentFactory : IAsyncLifetime
{
    public AlleanzaFactory Factory { get; } = AlleanzaFactory.With(new() { ["environment"] = "Development" });
    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// In Development a request the framework cannot read (malformed JSON, <c>?page=abc</c>) raises BadHttpRequestException;
/// it must answer its own 4xx — problem details under /api, the Italian error page elsewhere — never 500.
/// </summary>
public class DevelopmentBadRequestTests(DevelopmentFactory development, ITestOutputHelper output) : IClassFixture<DevelopmentFactory>
{
    AlleanzaFactory Factory => development.Factory;

    [Fact]
    public void The_factory_runs_in_Development()
        => Assert.True(Factory.Services.GetRequiredService<IWebHostEnvironment>().IsDevelopment());

    [Theory]
    [InlineData("/api/v1/networks/portogruaro/partners?page=abc")]
    [InlineData("/api/v1/networks/portogruaro/partners?pageSize=1e9&kind=nessuno")]
    [InlineData("/api/v1/opportunities?network=portogruaro&page=abc")]
    [InlineData("/api/v1/opportunities?network=portogruaro&comune=not-a-guid&free=forse")]
    [InlineData("/api/hsds/portogruaro/services?page=abc&per_page=%09")]
    public async Task An_api_parameter_that_does_not_parse_answers_400_problem_details(string url)
    {
        var response = await Factory.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":400", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("{\"code\": ")]
    [InlineData("{\"code\": \"x\", \"shopId\": 12}")]
    [InlineData("[]")]
    [InlineData("\u0000")]
    public async Task Malformed_json_to_the_till_api_answers_400_problem_details(string body)
    {
        var key = await TillKeyAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/card-verifications") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", key);
        var response = await Factory.CreateClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text[..Math.Min(300, text.Length)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Richiesta non valida", text);
    }

    [Theory]
    [InlineData("%2F%09evil")]
    [InlineData("%2Fa%7F")]
    [InlineData("%2F%E2%80%AEcitt%C3%A0")]
    public async Task A_return_address_with_a_control_character_after_sign_in_goes_home_or_stays_local(string returnUrl)
    {
        var client = Factory.NewClient();
        var login = await client.GetAsync($"/account/accedi?ReturnUrl={returnUrl}");
        var response = await client.SubmitAsync(login, new Dictionary<string, string?> { ["Input.Email"] = "famiglia@lucca.demo", ["Input.Password"] = Alleanza.Web.Demo.DemoData.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        Assert.StartsWith("/", response.Location);
        Assert.DoesNotContain(response.Location!, c => char.IsControl(c) || c > 127);
    }

    [Fact]
    public async Task Every_query_parameter_of_every_api_never_answers_500_in_Development()
    {
        var apis = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/')).ToHashSet();
        var probe = new InputProbe(Factory, output);
        var (routes, parameters, requests) = await probe.QueryStringsAsync(row => apis.Contains(row.Pattern), 8);
        output.WriteLine($"Development: {routes} API routes, {parameters} parameters, {requests} requests");
        Assert.True(routes >= 15, $"only {routes} API routes");
        Assert.True(probe.Failures.Count == 0, $"{probe.Failures.Count} server errors:\n" + string.Join("\n", probe.Failures));
    }

    async Task<string> TillKeyAsync()
    {
        var key = "cf_dev_" + Guid.NewGuid().ToString("N");
        await Factory.WithDbAsync(async db =>
        {
            var partner = await db.Partners.Where(p => p.Name == "Cartoleria Il Quaderno").Select(p => new { p.Id, p.NetworkId }).FirstAsync();
            db.PartnerApiKeys.Add(new PartnerApiKey { Id = Guid.NewGuid(), NetworkId = partner.NetworkId, PartnerId = partner.Id, Name = "prova", Prefix = key[..10],
                KeyHash = CardApi.Hash(key), CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        return key;
    }
}
