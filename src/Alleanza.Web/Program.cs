using Alleanza.Web.Demo;
using Alleanza.Web.Modules.Accounts;
using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.Catalog.Hsds;
using Alleanza.Web.Modules.Families;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Modules.Sharing.TimeBank;
using Alleanza.Web.Modules.Sharing.PurchasingGroups;
using Alleanza.Web.Modules.Sharing;
using Alleanza.Web.Modules.Support;
using Alleanza.Web.Modules.Surveys;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Auth.Oidc;

var builder = WebApplication.CreateBuilder(args);

builder.AddPlatform();
builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddExternalSignIn(builder.Configuration, builder.Environment);
builder.Services.AddNetwork();
builder.Services.AddCatalog();
builder.Services.AddFamilies();
builder.Services.AddFamilyCard();
builder.Services.AddSupport();
builder.Services.AddSupportCommunity();
builder.Services.AddTimeBank();
builder.Services.AddPurchasingGroups();
builder.Services.AddSurveys();
builder.Services.AddSharing();

var app = builder.Build();

// `dotnet Alleanza.Web.dll migrate` applies the migrations and exits (for production deployments).
if (args.Length > 0 && args[0] == "migrate")
{
    await DatabaseSetup.MigrateAsync(app.Services);
    await CatalogModule.EnsureAreasAsync(app.Services);
    Console.WriteLine("Migrazioni applicate.");
    return;
}

// `create-admin EMAIL` makes (or creates) an installation administrator and exits.
if (args.Length > 0 && args[0] == "create-admin")
{
    await DatabaseSetup.MigrateAsync(app.Services);
    Environment.ExitCode = await CreateAdministrator.RunAsync(app.Services, args.ElementAtOrDefault(1));
    return;
}

if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
{
    await DatabaseSetup.MigrateAsync(app.Services);
    await CatalogModule.EnsureAreasAsync(app.Services);
}
await DemoData.LoadIfWantedAsync(app);

app.UsePlatform();
app.MapAccounts();
app.MapExternalSignIn();
app.MapNetwork();
app.MapCatalog();
app.MapHsds();
app.MapFamilyCard();
app.MapSupportCommunity();
app.MapTimeBank();
app.MapSharing();
app.MapPlatformEndpoints();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
