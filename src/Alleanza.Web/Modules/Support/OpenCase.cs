using Alleanza.Web.Modules.Families;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Modules.Support.Volunteers;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support;

/// <summary>
/// Intake: a social operator opens a path for a household (found first, to avoid duplicates, or registered by the operator
/// for a family without an account), with the referral source, the needs, the legal basis and the team.
/// </summary>
public sealed class OpenCase(AppDbContext db, CaseText text, VolunteerRegistry registry, TimeProvider clock, AuditLog audit)
{
    public async Task<SupportSettings> SettingsAsync(Guid networkId, CancellationToken cancel = default) =>
        await db.SupportSettings.AsNoTracking().FirstOrDefaultAsync(s => s.NetworkId == networkId, cancel) ?? new SupportSettings { NetworkId = networkId };

    public sealed record Input(Guid HouseholdId, ReferralSource? Source, IReadOnlyList<string> Needs, string? NeedsDetail, LegalBasis? Basis,
        bool ConsentCollected, DateTime? ConsentAt, IReadOnlyList<Guid> Operators, IReadOnlyList<Guid> Volunteers, IFormFile? SignedForm = null);

    /// <summary>People of the organisation who may join the team: its social operators and the network's volunteers of it.</summary>
    public async Task<List<(Guid Id, string Name, NetworkRole Role)>> TeamCandidatesAsync(Guid networkId, Guid partnerId, CancellationToken cancel = default) =>
        (await db.Memberships.AsNoTracking()
            .Where(m => m.NetworkId == networkId && m.PartnerId == partnerId && (m.Role == NetworkRole.SocialOperator || m.Role == NetworkRole.Volunteer))
            .OrderBy(m => m.Role).ThenBy(m => m.User!.DisplayName)
            .Select(m => new { m.UserId, m.User!.DisplayName, m.Role }).ToListAsync(cancel))
            .Select(m => (m.UserId, m.DisplayName, m.Role)).ToList();

    /// <summary>Opens the path; the operator who opens it is on the team. Returns the new id, or field errors.</summary>
    public async Task<(Guid? Id, Dictionary<string, string> Errors)> OpenAsync(Guid networkId, Guid partnerId, Guid operatorId, string operatorName, Input input)
    {
        var errors = new Dictionary<string, string>();
        var settings = await SettingsAsync(networkId);
        var household = await db.Households.AsNoTracking().Where(h => h.Id == input.HouseholdId && h.NetworkId == networkId)
            .Select(h => new { h.Id, h.ComuneId }).FirstOrDefaultAsync();
        if (household is null) errors["HouseholdId"] = Tr.Get("Scegliete il nucleo: cercatelo o registratelo.");
        else if (await db.SupportCases.AnyAsync(c => c.HouseholdId == household.Id && c.PartnerId == partnerId && c.Status != CaseStatus.Closed))
            errors["HouseholdId"] = Tr.Get("Questo nucleo ha già un percorso aperto con il vostro ente: apritelo dall'elenco dei percorsi.");
        if (input.Source is null || !Enum.IsDefined(input.Source.Value)) errors["Source"] = Tr.Get("Indicate chi ha segnalato la famiglia.");
        var allowed = settings.NeedList();
        var needs = input.Needs.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct().ToList();
        if (needs.Count == 0) errors["Needs"] = Tr.Get("Indicate almeno un bisogno.");
        else if (needs.Any(n => !allowed.Contains(n))) errors["Needs"] = Tr.Get("Scegliete i bisogni dall'elenco della rete.");
        var detail = Text.Clean(input.NeedsDetail);
        if (detail is { Length: > 4000 }) errors["NeedsDetail"] = Tr.Get("La descrizione può avere al massimo 4.000 caratteri.");
        var now = clock.GetUtcNow().UtcDateTime;
        if (input.Basis is null || !Enum.IsDefined(input.Basis.Value)) errors["Basis"] = Tr.Get("Indicate la base giuridica del trattamento.");
        else if (input.Basis == LegalBasis.ExplicitConsent)
        {
            if (!input.ConsentCollected) errors["ConsentCollected"] = Tr.Get("Con il consenso come base giuridica, confermate di averlo raccolto dopo aver consegnato l'informativa.");
            if (input.ConsentAt is DateTime at && (at > now.AddMinutes(5) || at < now.AddYears(-1))) errors["ConsentAt"] = Tr.Get("La data del consenso non è plausibile.");
        }
        byte[]? formBytes = null;
        Platform.Files.FileKind? formKind = null;
        if (input.SignedForm is { } file)
        {
            if (input.Basis != LegalBasis.ExplicitConsent) errors["SignedForm"] = Tr.Get("Il modulo firmato si allega solo con il consenso come base giuridica.");
            else if (file.Length == 0 || file.Length > Network.Tables.OfficeFiles.MaxBytes) errors["SignedForm"] = Network.Tables.OfficeFiles.Problem(file.Length, null) ?? Tr.Get("File non valido.");
            else
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer);
                formBytes = buffer.ToArray();
                formKind = Network.Tables.OfficeFiles.Inspect(formBytes);
                if (Network.Tables.OfficeFiles.Problem(formBytes.Length, formKind) is { } problem) errors["SignedForm"] = problem;
            }
        }
        var candidates = await TeamCandidatesAsync(networkId, partnerId);
        if (input.Operators.Any(o => !candidates.Any(c => c.Id == o && c.Role == NetworkRole.SocialOperator)))
            errors["Operators"] = Tr.Get("Scegliete gli operatori tra quelli del vostro ente.");
        if (input.Volunteers.Any(v => !candidates.Any(c => c.Id == v && c.Role == NetworkRole.Volunteer)))
            errors["Volunteers"] = Tr.Get("Scegliete i volontari tra quelli del vostro ente.");
        else
            foreach (var v in input.Volunteers.Distinct())
                if (!await registry.MayWorkWithChildrenAsync(networkId, v))
                {
                    errors["Volunteers"] = Tr.Get(CaseTeam.ClearanceMissing);
                    break;
                }
        if (errors.Count > 0) return (null, errors);

        var created = new SupportCase
        {
            Id = Guid.NewGuid(), NetworkId = networkId, PartnerId = partnerId, HouseholdId = household!.Id, ComuneId = household.ComuneId,
            ReferralSource = input.Source!.Value, Needs = string.Join("\n", needs), NeedsDetailProtected = text.Protect(detail),
            LegalBasis = input.Basis!.Value, Status = CaseStatus.Open, PlanStatus = PlanStatus.Draft,
            OpenedAt = now, OpenedByUserId = operatorId, UpdatedAt = now,
        };
        if (created.LegalBasis == LegalBasis.ExplicitConsent)
        {
            created.ConsentNoticeVersion = settings.NoticeVersion;
            created.ConsentAt = input.ConsentAt ?? now;
            created.ConsentCollectedByUserId = operatorId;
            created.ConsentCollectedByName = operatorName;
        }
        db.SupportCases.Add(created);
        if (formBytes is not null && formKind is not null)
            db.ConsentForms.Add(new ConsentFormFile
            {
                CaseId = created.Id, FileName = Platform.Files.FileKinds.SafeName(input.SignedForm!.FileName, formKind), ContentType = formKind.ContentType,
                Size = formBytes.Length, Content = formBytes, UploadedByUserId = operatorId, UploadedAt = now,
            });
        db.CaseMembers.Add(new CaseMember { CaseId = created.Id, UserId = operatorId, Role = CaseMemberRole.Operator, AddedAt = now });
        foreach (var o in input.Operators.Where(o => o != operatorId).Distinct())
            db.CaseMembers.Add(new CaseMember { CaseId = created.Id, UserId = o, Role = CaseMemberRole.Operator, AddedAt = now });
        db.CaseEvents.Add(new CaseEvent { CaseId = created.Id, At = now, Who = operatorName, What = "Percorso aperto." });
        await db.SaveChangesAsync();
        foreach (var v in input.Volunteers.Distinct())
            await CaseTeam.AssignVolunteerToCaseAsync(db, registry, networkId, created.Id, v, now); // checked above
        audit.Add("support.case.opened", "SupportCase", created.Id, null, networkId);
        await db.SaveChangesAsync();
        return (created.Id, errors);
    }
}
