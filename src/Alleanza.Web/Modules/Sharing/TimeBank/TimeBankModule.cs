using Alleanza.Web.Modules.Sharing.Ledger;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Sharing.TimeBank;

/// <summary>
/// Banca del tempo (/banca-del-tempo): the network's time bank on the shared double-entry ledger (Modules/Sharing/Ledger).
/// The landing page is public; every other page needs an account, and answers to members and managers only.
/// </summary>
public static class TimeBankModule
{
    public const string Path = "/banca-del-tempo";

    public static IServiceCollection AddTimeBank(this IServiceCollection services)
    {
        services.AddScoped<LedgerBook>();
        services.AddScoped<TimeBankAccess>();
        services.AddScoped<Messages.IConversationTopic, TimeBankTopic>();
        services.AddScoped<BankAdministration>();
        services.AddScoped<Exchanges>();
        services.AddScoped<GroupActivities>();
        services.AddScoped<Posts>();
        services.AddScoped<Statements>();
        services.AddScoped<TimeBankReports>();
        services.AddScoped<ReciprocalBanks>();
        services.AddScoped<TimeBankCounts>();
        services.AddScoped<Platform.Home.IHomeSectionSource, TimeBankMemberHome>();
        services.AddScoped<Platform.Home.IHomeSectionSource, TimeBankManagerHome>();
        services.AddHostedService<TimeBankJobs>();
        services.Configure<Navigation>(n => n.Add("Banca del tempo", Path, 35));
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Modules/Sharing/TimeBank/Pages");
            o.Conventions.AllowAnonymousToPage("/Modules/Sharing/TimeBank/Pages/Index");
        });
        return services;
    }

    public static void MapTimeBank(this WebApplication app)
    {
        var group = app.MapGroup(Path).RequireAuthorization().ExcludeFromDescription();

        // The statement of the signed-in member, or of a member (?socio=) for the bank's managers: CSV and PDF.
        group.MapGet("/estratto.csv", async (Guid? socio, TimeBankAccess access, Statements statements, HttpContext http) =>
        {
            if (await StatementOfAsync(socio, access, statements) is not { } found) return Results.NotFound();
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.File(await statements.CsvAsync(found.MemberId), "text/csv; charset=utf-8", $"estratto-ore-{Platform.Text.Slug(found.Header.Member)}.csv");
        });
        group.MapGet("/estratto.pdf", async (Guid? socio, TimeBankAccess access, Statements statements, CurrentNetwork network, IWebHostEnvironment env, HttpContext http) =>
        {
            if (await StatementOfAsync(socio, access, statements) is not { } found) return Results.NotFound();
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.File(await statements.PdfAsync(found.Header, found.MemberId, network.Network!.Name, env.WebRootPath), "application/pdf",
                $"estratto-ore-{Platform.Text.Slug(found.Header.Member)}.pdf");
        });
    }

    /// <summary>Whose statement the person may read: their own, or any member's for a manager; null: 404.</summary>
    public static async Task<(Guid MemberId, Statements.Header Header)?> StatementOfAsync(Guid? memberId, TimeBankAccess access, Statements statements)
    {
        var me = await access.MeAsync();
        if (me.Bank is null) return null;
        Guid id;
        if (memberId is { } other && other != me.Member?.Id)
        {
            if (!me.IsManager) return null;
            id = other;
        }
        else if (me.Member is { AccountId: not null } mine) id = mine.Id;
        else return null;
        return await statements.HeaderAsync(me.Bank, id) is { } header ? (id, header) : null;
    }
}

/// <summary>Settles the exchanges whose days for confirmation are over (confirmed or expired as each bank chose), every few minutes.</summary>
public sealed class TimeBankJobs(IServiceScopeFactory scopes, IConfiguration config, ILogger<TimeBankJobs> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = config.GetValue("TimeBank:JobInterval", TimeSpan.FromMinutes(15));
        if (interval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<Exchanges>().SettleDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Time bank: settling the exchanges due failed");
            }
        }
    }
}
