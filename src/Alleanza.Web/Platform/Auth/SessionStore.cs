using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Alleanza.Web.Platform.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Alleanza.Web.Platform.Auth;

/// <summary>
/// A signed-in session, kept on the server. The cookie carries only a random key; the row holds the ticket under the
/// key's SHA-256 (a copy of the table opens no session) with the account's security stamp at sign-in.
/// </summary>
public class AuthSession
{
    public string Id { get; set; } = "";
    public Guid? UserId { get; set; }
    public string? SecurityStamp { get; set; }
    public byte[] Ticket { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
}

/// <summary>
/// Server-side sessions for the sign-in cookie (ASP.NET Core's <see cref="ITicketStore"/>), in the database so that every
/// app instance sees the same ones:
/// <list type="bullet">
/// <item>signing out deletes the row: a copied cookie stops working at once;</item>
/// <item>a session whose account's security stamp has changed since sign-in (password changed or reset, a role removed,
/// two-step sign-in turned off…) is ended at the next request, on every instance, by the same read that finds it.</item>
/// </list>
/// </summary>
public sealed class DatabaseSessionStore(IServiceScopeFactory scopes, TimeProvider clock, IOptions<IdentityOptions> identity) : ITicketStore
{
    static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.AuthSessions.Add(new AuthSession
        {
            Id = Hash(key), UserId = Guid.TryParse(ticket.Principal.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType), out var id) ? id : null,
            SecurityStamp = ticket.Principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType),
            Ticket = TicketSerializer.Default.Serialize(ticket), CreatedAt = now, ExpiresAt = ticket.Properties.ExpiresUtc?.UtcDateTime,
        });
        await db.SaveChangesAsync();
        // Sessions past their date go when new ones come (sign-ins are few; the index on ExpiresAt keeps it cheap).
        await db.AuthSessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync();
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stamp = ticket.Principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        var bytes = TicketSerializer.Default.Serialize(ticket);
        var expires = ticket.Properties.ExpiresUtc?.UtcDateTime;
        await db.AuthSessions.Where(s => s.Id == Hash(key))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, bytes).SetProperty(x => x.ExpiresAt, expires).SetProperty(x => x.SecurityStamp, stamp));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var id = Hash(key);
        var found = await (from s in db.AuthSessions.AsNoTracking()
                           where s.Id == id
                           select new { s.Ticket, s.ExpiresAt, s.SecurityStamp, Current = db.Users.Where(u => u.Id == s.UserId).Select(u => u.SecurityStamp).FirstOrDefault() })
                          .FirstOrDefaultAsync();
        if (found is null) return null;
        var ended = found.ExpiresAt < clock.GetUtcNow().UtcDateTime || (found.SecurityStamp is not null && found.SecurityStamp != found.Current);
        if (ended)
        {
            await db.AuthSessions.Where(s => s.Id == id).ExecuteDeleteAsync();
            return null;
        }
        return TicketSerializer.Default.Deserialize(found.Ticket);
    }

    public async Task RemoveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.AuthSessions.Where(s => s.Id == Hash(key)).ExecuteDeleteAsync();
    }
}
