using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Email;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network;

public enum AcceptOutcome { Accepted, NotFound, Expired, AlreadyUsed, OtherEmail }

/// <summary>Roles are given by invitation: a link by email, accepted by the signed-in person it was sent to.</summary>
public sealed class Invitations(AppDbContext db, Mailer mailer, AuditLog audit, TimeProvider clock, Platform.PublicSite site)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public async Task<Invitation> InviteAsync(Guid networkId, string email, NetworkRole role, Guid? partnerId, Guid? invitedBy)
    {
        email = email.Trim();
        var now = clock.GetUtcNow().UtcDateTime;
        var normalized = email.ToUpperInvariant();
        // A new invitation replaces a pending one for the same person and role.
        var pending = await db.Invitations.Where(i => i.NetworkId == networkId && i.Role == role && i.PartnerId == partnerId && i.AcceptedAt == null).ToListAsync();
        db.Invitations.RemoveRange(pending.Where(i => i.Email.ToUpperInvariant() == normalized));

        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var invitation = new Invitation
        {
            Id = Guid.NewGuid(), NetworkId = networkId, Email = email, Role = role, PartnerId = partnerId,
            TokenHash = Hash(token), CreatedAt = now, ExpiresAt = now + Lifetime, InvitedByUserId = invitedBy,
        };
        db.Invitations.Add(invitation);
        audit.Add("invitation.create", nameof(Invitation), invitation.Id, $"{email} come {NetworkRoles.Label(role)}", networkId);
        await db.SaveChangesAsync();

        var network = await db.Networks.AsNoTracking().Where(n => n.Id == networkId).Select(n => n.Name).FirstAsync();
        var partner = partnerId is null ? null : await db.Partners.AsNoTracking().Where(p => p.Id == partnerId).Select(p => p.Name).FirstOrDefaultAsync();
        var link = site.Link($"/account/invito?token={token}");
        var what = NetworkRoles.Label(role) + (partner is null ? "" : $" per {partner}");
        await mailer.SendAsync(email, $"Invito in {network}",
            $"Sei stato invitato in «{network}» con il ruolo {what}.\n\nPer accettare apri questo collegamento (valido 14 giorni), poi accedi o registrati con questo indirizzo email:\n{link}",
            $"<p>Sei stato invitato in «{HtmlEncoder.Default.Encode(network)}» con il ruolo <strong>{HtmlEncoder.Default.Encode(what)}</strong>.</p><p><a href=\"{HtmlEncoder.Default.Encode(link)}\">Accetta l'invito</a> (valido 14 giorni), poi accedi o registrati con questo indirizzo email.</p>");
        return invitation;
    }

    public sealed record InvitationView(string NetworkName, string RoleLabel, string? PartnerName, string Email, DateTime ExpiresAt);

    public async Task<(AcceptOutcome Outcome, InvitationView? View)> DescribeAsync(string? token)
    {
        var invitation = await FindAsync(token);
        if (invitation is null) return (AcceptOutcome.NotFound, null);
        var network = await db.Networks.AsNoTracking().Where(n => n.Id == invitation.NetworkId).Select(n => n.Name).FirstAsync();
        var partner = invitation.PartnerId is null ? null : await db.Partners.AsNoTracking().Where(p => p.Id == invitation.PartnerId).Select(p => p.Name).FirstOrDefaultAsync();
        var view = new InvitationView(network, NetworkRoles.Label(invitation.Role), partner, invitation.Email, invitation.ExpiresAt);
        return (StateOf(invitation, null), view);
    }

    public async Task<AcceptOutcome> AcceptAsync(string? token, AppUser user)
    {
        var invitation = await FindAsync(token);
        if (invitation is null) return AcceptOutcome.NotFound;
        var state = StateOf(invitation, user);
        if (state != AcceptOutcome.Accepted) return state;

        var exists = await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.NetworkId == invitation.NetworkId
            && m.Role == invitation.Role && m.PartnerId == invitation.PartnerId);
        if (!exists)
            db.Memberships.Add(new Membership
            {
                Id = Guid.NewGuid(), UserId = user.Id, NetworkId = invitation.NetworkId, Role = invitation.Role,
                PartnerId = invitation.PartnerId, CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
        invitation.AcceptedAt = clock.GetUtcNow().UtcDateTime;
        audit.Add("membership.grant", nameof(Membership), user.Id, $"{user.Email}: {NetworkRoles.Label(invitation.Role)}", invitation.NetworkId);
        await db.SaveChangesAsync();
        return AcceptOutcome.Accepted;
    }

    AcceptOutcome StateOf(Invitation invitation, AppUser? user)
    {
        if (invitation.AcceptedAt is not null) return AcceptOutcome.AlreadyUsed;
        if (invitation.ExpiresAt < clock.GetUtcNow().UtcDateTime) return AcceptOutcome.Expired;
        if (user is not null && !string.Equals(user.Email, invitation.Email, StringComparison.OrdinalIgnoreCase)) return AcceptOutcome.OtherEmail;
        return AcceptOutcome.Accepted;
    }

    Task<Invitation?> FindAsync(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return Task.FromResult<Invitation?>(null);
        var hash = Hash(token);
        return db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash);
    }

    /// <summary>Removes a role; only a membership of the given network.</summary>
    public async Task<bool> RevokeAsync(Guid networkId, Guid membershipId)
    {
        var membership = await db.Memberships.Include(m => m.User).FirstOrDefaultAsync(m => m.Id == membershipId && m.NetworkId == networkId);
        if (membership is null) return false;
        db.Memberships.Remove(membership);
        // A new security stamp ends the person's sessions at once, on every instance (see DatabaseSessionStore).
        if (membership.User is { } user)
        {
            user.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
        }
        audit.Add("membership.revoke", nameof(Membership), membership.UserId, $"{membership.User?.Email}: {NetworkRoles.Label(membership.Role)}", networkId);
        await db.SaveChangesAsync();
        return true;
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
