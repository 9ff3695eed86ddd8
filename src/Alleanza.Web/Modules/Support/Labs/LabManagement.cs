using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.Support.Volunteers;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support.Labs;

/// <summary>What the person may do with a lab: edit it and its facilitators (coordinators, the running partner's staff), record its work (also facilitators).</summary>
public sealed record LabAccess(CommunityLab Lab, string Partner, bool CanEdit, bool IsFacilitator)
{
    public bool CanRecord => CanEdit || IsFacilitator;
}

/// <summary>Creating and editing labs, their facilitators and the link to the catalogue.</summary>
public sealed class LabManagement(AppDbContext db, CommunityAccess access, VolunteerRegistry registry, AuditLog audit, TimeProvider clock)
{
    public sealed record LabRow(Guid Id, string Name, string Partner, bool Closed, int Sessions, DateTime? LastSession);
    public sealed record FacilitatorRow(Guid UserId, string Name, string? Email, bool IsVolunteer);

    DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The lab, when the person may at least record its work; null (404) otherwise, and for another network's labs.</summary>
    public async Task<LabAccess?> AccessAsync(Guid id)
    {
        if (access.UserId is not { } me) return null;
        var lab = await db.CommunityLabs.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id && l.NetworkId == access.NetworkId);
        if (lab is null) return null;
        var canEdit = await access.IsCoordinatorAsync() || (await access.StaffPartnersAsync()).Contains(lab.PartnerId);
        var facilitator = await db.LabFacilitators.AnyAsync(f => f.LabId == id && f.UserId == me);
        if (!canEdit && !facilitator) return null;
        var partner = await db.Partners.AsNoTracking().Where(p => p.Id == lab.PartnerId).Select(p => p.Name).FirstAsync();
        return new(lab, partner, canEdit, facilitator);
    }

    /// <summary>The labs the person works on: coordinators all, partner staff their partners', facilitators theirs.</summary>
    public async Task<List<LabRow>> MineAsync()
    {
        var me = access.UserId;
        var query = db.CommunityLabs.AsNoTracking().Where(l => l.NetworkId == access.NetworkId);
        if (!await access.IsCoordinatorAsync())
        {
            var partners = await access.StaffPartnersAsync();
            query = query.Where(l => partners.Contains(l.PartnerId) || db.LabFacilitators.Any(f => f.LabId == l.Id && f.UserId == me));
        }
        var now = Now;
        return await query.OrderBy(l => l.ClosedAt != null).ThenBy(l => l.Name)
            .Select(l => new LabRow(l.Id, l.Name, db.Partners.Where(p => p.Id == l.PartnerId).Select(p => p.Name).First(), l.ClosedAt != null,
                db.LabSessions.Count(s => s.LabId == l.Id && s.StartsAt <= now),
                db.LabSessions.Where(s => s.LabId == l.Id && s.StartsAt <= now).Max(s => (DateTime?)s.StartsAt)))
            .ToListAsync();
    }

    /// <summary>The partners the person may open a lab for: every partner for coordinators, else their own.</summary>
    public async Task<List<(Guid Id, string Name)>> PartnersAsync()
    {
        var query = db.Partners.AsNoTracking().Where(p => p.NetworkId == access.NetworkId);
        if (!await access.IsCoordinatorAsync())
        {
            var mine = await access.StaffPartnersAsync();
            query = query.Where(p => mine.Contains(p.Id));
        }
        return (await query.OrderBy(p => p.NameKey).Select(p => new { p.Id, p.Name }).ToListAsync()).Select(p => (p.Id, p.Name)).ToList();
    }

    public async Task<List<(Guid Id, string Name)>> ComuniAsync() =>
        (await db.Comuni.AsNoTracking().Where(c => c.NetworkId == access.NetworkId).OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync()).Select(c => (c.Id, c.Name)).ToList();

    /// <summary>The catalogue opportunities of a partner a lab may publish its sessions on (not archived).</summary>
    public async Task<List<(Guid Id, string Title)>> OpportunitiesAsync(Guid partnerId) =>
        (await db.Opportunities.AsNoTracking().Where(o => o.NetworkId == access.NetworkId && o.PartnerId == partnerId && o.Status != OpportunityStatus.Archived)
            .OrderBy(o => o.Title).Select(o => new { o.Id, o.Title }).ToListAsync()).Select(o => (o.Id, o.Title)).ToList();

    /// <summary>Checks the references of the form against the network; answers field → message.</summary>
    public async Task<Dictionary<string, string>> ValidateAsync(LabForm form, Guid? fixedPartner = null)
    {
        var errors = new Dictionary<string, string>();
        var partner = fixedPartner ?? form.PartnerId;
        if (fixedPartner is null && (form.PartnerId is not { } p || !(await PartnersAsync()).Any(x => x.Id == p)))
            errors[nameof(LabForm.PartnerId)] = "Scegli uno degli enti dell'elenco.";
        if (form.ComuneId is { } c && !await db.Comuni.AnyAsync(x => x.Id == c && x.NetworkId == access.NetworkId))
            errors[nameof(LabForm.ComuneId)] = "Scegli un Comune della rete.";
        if (form.OpportunityId is { } o && partner is { } owner && !(await OpportunitiesAsync(owner)).Any(x => x.Id == o))
            errors[nameof(LabForm.OpportunityId)] = "Scegli un'opportunità dell'ente che gestisce il laboratorio.";
        return errors;
    }

    public async Task<CommunityLab> CreateAsync(LabForm form)
    {
        var lab = new CommunityLab { Id = Guid.NewGuid(), NetworkId = access.NetworkId, PartnerId = form.PartnerId!.Value, CreatedAt = Now };
        Apply(lab, form);
        db.CommunityLabs.Add(lab);
        audit.Add("laboratorio.crea", nameof(CommunityLab), lab.Id, lab.Name, access.NetworkId);
        await db.SaveChangesAsync();
        return lab;
    }

    public async Task UpdateAsync(Guid id, LabForm form)
    {
        var lab = await db.CommunityLabs.FirstAsync(l => l.Id == id && l.NetworkId == access.NetworkId);
        var previous = lab.OpportunityId;
        Apply(lab, form);
        if (previous != lab.OpportunityId) await LabSessions.RepublishAsync(db, lab, Now);
        audit.Add("laboratorio.modifica", nameof(CommunityLab), lab.Id, lab.Name, access.NetworkId);
        await db.SaveChangesAsync();
    }

    public async Task SetClosedAsync(Guid id, bool closed)
    {
        var lab = await db.CommunityLabs.FirstAsync(l => l.Id == id && l.NetworkId == access.NetworkId);
        lab.ClosedAt = closed ? lab.ClosedAt ?? Now : null;
        lab.UpdatedAt = Now;
        audit.Add(closed ? "laboratorio.chiude" : "laboratorio.riapre", nameof(CommunityLab), lab.Id, lab.Name, access.NetworkId);
        await db.SaveChangesAsync();
    }

    void Apply(CommunityLab lab, LabForm form)
    {
        lab.Name = form.Name!.Trim();
        lab.Description = Text.Clean(form.Description);
        lab.Address = form.Address!.Trim();
        lab.ComuneId = form.ComuneId;
        lab.Latitude = form.Latitude is { } lat ? Math.Round(lat, 6) : null;
        lab.Longitude = form.Longitude is { } lon ? Math.Round(lon, 6) : null;
        lab.OpeningHours = form.OpeningHours!.Trim();
        lab.WithChildren = form.WithChildren;
        lab.OpportunityId = form.OpportunityId;
        lab.UpdatedAt = Now;
    }

    public Task<List<FacilitatorRow>> FacilitatorsAsync(Guid labId) =>
        db.LabFacilitators.AsNoTracking().Where(f => f.LabId == labId)
            .Join(db.Users, f => f.UserId, u => u.Id, (f, u) => new { u.Id, u.DisplayName, u.Email, f.IsVolunteer })
            .OrderBy(f => f.DisplayName).Select(f => new FacilitatorRow(f.Id, f.DisplayName, f.Email, f.IsVolunteer)).ToListAsync();

    /// <summary>
    /// Adds a social operator or a volunteer of the network as facilitator. A lab with children refuses a volunteer
    /// whose criminal-record check is missing or expired. Answers an error, or null.
    /// </summary>
    public async Task<string?> AddFacilitatorAsync(CommunityLab lab, string email)
    {
        var normalized = email.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized && u.DeletedAt == null).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync();
        var roles = user is null ? [] : await db.Memberships.AsNoTracking().Where(m => m.UserId == user.Id && m.NetworkId == access.NetworkId).Select(m => m.Role).ToListAsync();
        if (user is null || !roles.Any(r => r is NetworkRole.SocialOperator or NetworkRole.Volunteer))
            return Tr.Get("Nessun operatore sociale o volontario della rete con questa email.");
        var isVolunteer = !roles.Contains(NetworkRole.SocialOperator);
        if (isVolunteer && lab.WithChildren && await registry.ChildrenRefusalAsync(access.NetworkId, user.Id, user.DisplayName) is { } refusal)
            return refusal;
        if (await db.LabFacilitators.AnyAsync(f => f.LabId == lab.Id && f.UserId == user.Id))
            return Tr.Get("{0} è già facilitatore di questo laboratorio.", user.DisplayName);
        db.LabFacilitators.Add(new LabFacilitator { LabId = lab.Id, UserId = user.Id, IsVolunteer = isVolunteer, AddedAt = Now });
        audit.Add("laboratorio.facilitatore", nameof(CommunityLab), lab.Id, $"{lab.Name}: aggiunto {user.DisplayName}", access.NetworkId);
        return await db.TrySaveAsync() ? null : Tr.Get("{0} è già facilitatore di questo laboratorio.", user.DisplayName);
    }

    public async Task RemoveFacilitatorAsync(CommunityLab lab, Guid userId)
    {
        var removed = await db.LabFacilitators.Where(f => f.LabId == lab.Id && f.UserId == userId).ExecuteDeleteAsync();
        if (removed > 0) await audit.WriteAsync("laboratorio.facilitatore-tolto", nameof(CommunityLab), lab.Id, lab.Name, access.NetworkId);
    }
}
