using Alleanza.Web.Modules.Sharing.Exchange;
using Alleanza.Web.Modules.Sharing.Messages;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing;

/// <summary>
/// Condividi: families give, lend, swap and ask for children's things, services and experiences (Exchange), and talk privately
/// about them (Messages, also for the time bank). Pages under /condividi; families with a household post, the network's people read.
/// </summary>
public static class SharingModule
{
    public static IServiceCollection AddSharing(this IServiceCollection services)
    {
        services.AddScoped<Conversations>();
        services.AddScoped<IConversationTopic, ExchangeTopic>();
        services.AddScoped<SharingAccess>();
        services.AddScoped<PublishPost>();
        services.AddScoped<PostLifecycle>();
        services.AddScoped<SearchPosts>();
        services.AddOptions<SharingListOptions>().BindConfiguration("Sharing:ListIndex");
        services.AddSingleton<SharingListIndexes>();
        services.AddHostedService<SharingListRefresher>();
        services.AddScoped<Moderation>();
        services.AddScoped<SavedSearches>();
        services.AddScoped<SharingFigures>();
        services.AddScoped<Platform.Notifications.IScheduledNotifications, ExchangeJobs>();
        services.AddScoped<Platform.Notifications.IScheduledNotifications, SavedSearchDigest>();
        services.AddScoped<Platform.Home.IHomeSectionSource, SharingHome>();
        services.Configure<Navigation>(n => n.Add("Condividi", "/condividi", 25));
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Modules/Sharing/Exchange/Pages", Policies.Member);
            o.Conventions.AuthorizeFolder("/Modules/Sharing/Messages/Pages", Policies.Member);
            o.Conventions.AuthorizeFolder("/Modules/Sharing/Exchange/Pages/Manage", Policies.ManageNetwork);
        });
        return services;
    }

    public static void MapSharing(this WebApplication app)
    {
        // A post's photo or its thumbnail (?mini=1): shown to whoever may see the post; cached privately by the browser.
        app.MapGet("/condividi/foto/{id:guid}", async (Guid id, bool? mini, AppDbContext db, SharingAccess access, PostLifecycle posts, HttpContext http) =>
        {
            if (!await access.IsMemberAsync()) return Results.NotFound();
            var photo = await db.SharingPhotos.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.PostId }).FirstOrDefaultAsync();
            if (photo is null || await posts.FindAsync(access.NetworkId, photo.PostId, access.UserId!.Value, await access.IsModeratorAsync()) is null) return Results.NotFound();
            var bytes = mini == true
                ? await db.SharingPhotos.AsNoTracking().Where(p => p.Id == id).Select(p => p.Thumbnail).FirstAsync()
                : await db.SharingPhotos.AsNoTracking().Where(p => p.Id == id).Select(p => p.Content).FirstAsync();
            http.Response.Headers.CacheControl = "private, max-age=86400";
            return Results.File(bytes, "image/jpeg");
        }).RequireAuthorization(Policies.Member).ExcludeFromDescription();
    }
}

/// <summary>Names a Condividi post for the conversations about it.</summary>
public sealed class ExchangeTopic(AppDbContext db) : IConversationTopic
{
    public string Kind => Conversations.ExchangeTopic;

    public async Task<(string Title, string Path)?> DescribeAsync(Guid networkId, Guid topicId, CancellationToken cancel = default)
    {
        var title = await db.SharingPosts.AsNoTracking().Where(p => p.Id == topicId && p.NetworkId == networkId).Select(p => p.Title).FirstOrDefaultAsync(cancel);
        return title is null ? null : (title, $"/condividi/{topicId}");
    }
}
