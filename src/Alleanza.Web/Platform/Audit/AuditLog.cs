using System.Security.Claims;
using Alleanza.Web.Platform.Data;

namespace Alleanza.Web.Platform.Audit;

/// <summary>Writes audit entries. Adds them to the context so they commit with the change they describe.</summary>
public class AuditLog(AppDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>Adds an entry to the current unit of work; the caller's SaveChanges writes it.</summary>
    public void Add(string action, string? entityType = null, object? entityId = null, string? details = null,
        Guid? networkId = null, Guid? userId = null, string? userName = null)
    {
        var context = http.HttpContext;
        var principal = context?.User;
        if (userId is null && principal?.Identity?.IsAuthenticated == true
            && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
            userId = id;
        userName ??= principal?.Identity?.IsAuthenticated == true ? principal.Identity.Name : null;
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = userId,
            UserName = Truncate(userName, 256),
            NetworkId = networkId,
            Action = action,
            EntityType = entityType,
            EntityId = entityId?.ToString(),
            Details = Truncate(details, 2000),
            IpAddress = context?.Connection.RemoteIpAddress?.ToString(),
        });
    }

    /// <summary>Adds an entry and saves at once (for events with no other change, such as a sign-in).</summary>
    public async Task WriteAsync(string action, string? entityType = null, object? entityId = null, string? details = null,
        Guid? networkId = null, Guid? userId = null, string? userName = null)
    {
        Add(action, entityType, entityId, details, networkId, userId, userName);
        await db.SaveChangesAsync();
    }

    static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
