using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Network.Tables;

/// <summary>Working tables (tavoli di lavoro): members, meetings with minutes and attendance, decisions and actions, documents.</summary>
public static class WorkingTablesModule
{
    public static IServiceCollection AddWorkingTables(this IServiceCollection services)
    {
        services.AddScoped<WorkingTables>();
        services.AddScoped<TableMeetings>();
        services.AddScoped<TableWork>();
        services.AddScoped<WorkingTableFigures>();
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Modules/Network/Tables/Pages", Policies.Member);
            o.Conventions.AuthorizeFolder("/Modules/Network/Tables/Pages/Manage", Policies.ManageNetwork);
        });
        return services;
    }

    public static void MapWorkingTables(this WebApplication app)
    {
        var tables = app.MapGroup("/rete/tavoli").RequireAuthorization(Policies.Member).ExcludeFromDescription();

        // The meeting for one's calendar (the e-mailed invitation carries the same event, with METHOD:REQUEST).
        tables.MapGet("/incontri/{id:guid}/invito.ics", async (Guid id, HttpContext http, WorkingTables working, TableMeetings meetings) =>
        {
            if (await working.MeetingAccessAsync(id) is not { } found) return Results.NotFound();
            var ics = meetings.Invitation(found.Access.Table, found.Meeting, [], Platform.PublicSite.OriginOf(http));
            return Results.File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", "incontro.ics");
        });

        // A document: for the table's members and the coordinators, always as a download.
        tables.MapGet("/documenti/{id:guid}", async (Guid id, HttpContext http, WorkingTables working, TableWork work) =>
        {
            var doc = await work.FindDocumentAsync(id);
            if (doc is null || await working.AccessAsync(doc.TableId) is null) return Results.NotFound();
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.File(await work.ContentAsync(id), doc.ContentType, doc.FileName);
        });
    }
}
