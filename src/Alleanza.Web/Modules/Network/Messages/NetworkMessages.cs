using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Messages;

/// <summary>The coordinator's form: who, then what.</summary>
public sealed class MessageForm : IValidatableObject
{
    [Required(ErrorMessage = "Scegli a chi scrivere.")]
    [Display(Name = "A chi scrivi")]
    public MessageAudience? Audience { get; set; }

    [Display(Name = "Comune")]
    public Guid? ComuneId { get; set; }

    [Range(0, 17, ErrorMessage = "L'età va da 0 a 17 anni.")]
    [Display(Name = "Figli da (anni)")]
    public int? ChildAgeFrom { get; set; }

    [Range(0, 17, ErrorMessage = "L'età va da 0 a 17 anni.")]
    [Display(Name = "fino a (anni)")]
    public int? ChildAgeTo { get; set; }

    [Required(ErrorMessage = "Scrivi l'oggetto.")]
    [StringLength(150, MinimumLength = 5, ErrorMessage = "L'oggetto va da 5 a 150 caratteri.")]
    [Display(Name = "Oggetto")]
    public string? Subject { get; set; }

    [Required(ErrorMessage = "Scrivi il messaggio.")]
    [StringLength(5000, MinimumLength = 10, ErrorMessage = "Il messaggio va da 10 a 5000 caratteri.")]
    [Display(Name = "Messaggio")]
    public string? Body { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Audience == MessageAudience.SessionRegistrants)
            yield return new ValidationResult("Agli iscritti di una data scrive l'ente dalla pagina degli iscritti.", [nameof(Audience)]);
        if (Audience != MessageAudience.Families && (ChildAgeFrom is not null || ChildAgeTo is not null))
            yield return new ValidationResult("L'età dei figli si sceglie solo scrivendo alle famiglie.", [nameof(ChildAgeFrom)]);
        if (ChildAgeFrom is { } from && ChildAgeTo is { } to && from > to)
            yield return new ValidationResult("L'età «da» non può superare l'età «fino a».", [nameof(ChildAgeTo)]);
    }
}

/// <summary>A partner's message to the people registered for one date of its opportunity (e.g. a cancellation).</summary>
public sealed class RegistrantsMessageForm
{
    [Required(ErrorMessage = "Scegli la data.")]
    public Guid? SessionId { get; set; }

    [Required(ErrorMessage = "Scrivi l'oggetto.")]
    [StringLength(150, MinimumLength = 5, ErrorMessage = "L'oggetto va da 5 a 150 caratteri.")]
    [Display(Name = "Oggetto")]
    public string? Subject { get; set; }

    [Required(ErrorMessage = "Scrivi il messaggio.")]
    [StringLength(5000, MinimumLength = 10, ErrorMessage = "Il messaggio va da 10 a 5000 caratteri.")]
    [Display(Name = "Messaggio")]
    public string? Body { get; set; }
}

/// <summary>Messages to many people of a network: who they reach, sending (in the background), the record of what was sent.</summary>
public sealed class NetworkMessages(AppDbContext db, TimeProvider clock, AuditLog audit, MessageSender sender)
{
    public const int PageSize = 20;

    public sealed record Audience(MessageAudience Kind, Guid? ComuneId = null, int? ChildAgeFrom = null, int? ChildAgeTo = null, Guid? SessionId = null);
    public sealed record Reach(IReadOnlyList<Guid> UserIds, string Text);
    public sealed record Row(Guid Id, string Subject, string AudienceText, string SentByName, DateTime CreatedAt, MessageStatus Status, int Total, int Delivered);

    public static Audience Of(MessageForm form) => new(form.Audience!.Value, form.ComuneId, form.ChildAgeFrom, form.ChildAgeTo);

    /// <summary>The people an audience reaches now, and the audience in words.</summary>
    public async Task<Reach> ReachAsync(Guid networkId, Audience a, CancellationToken cancel = default)
    {
        var comune = a.ComuneId is { } c ? await db.Comuni.AsNoTracking().Where(x => x.Id == c && x.NetworkId == networkId).Select(x => x.Name).FirstOrDefaultAsync(cancel) : null;
        if (a.ComuneId is not null && comune is null) return new([], "");
        var memberships = db.Memberships.AsNoTracking().Where(m => m.NetworkId == networkId);
        IQueryable<Guid> users;
        string text;
        switch (a.Kind)
        {
            case MessageAudience.Families:
            {
                var households = db.Households.AsNoTracking().Where(h => h.NetworkId == networkId);
                if (a.ComuneId is { } comuneId) households = households.Where(h => h.ComuneId == comuneId);
                if (a.ChildAgeFrom is not null || a.ChildAgeTo is not null)
                {
                    // Age in whole years today between from and to: born on or before today − from years, after today − (to + 1) years.
                    var today = RomeTime.Today(clock);
                    var bornBy = today.AddYears(-(a.ChildAgeFrom ?? 0));
                    var bornAfter = today.AddYears(-((a.ChildAgeTo ?? 17) + 1));
                    households = households.Where(h => h.Members.Any(m => m.Role == Families.MemberRole.Child && m.BirthDate <= bornBy && m.BirthDate > bornAfter));
                }
                users = households.Where(h => h.OwnerUserId != null).Select(h => h.OwnerUserId!.Value);
                // Families without a household yet can only be reached when no Comune or age is asked for.
                if (a.ComuneId is null && a.ChildAgeFrom is null && a.ChildAgeTo is null)
                    users = users.Union(memberships.Where(m => m.Role == NetworkRole.Family).Select(m => m.UserId));
                text = "Famiglie" + (comune is null ? "" : $" di {comune}") + (a.ChildAgeFrom, a.ChildAgeTo) switch
                {
                    (null, null) => "",
                    ({ } f, null) => $" con figli da {f} anni in su",
                    (null, { } t) => $" con figli fino a {t} anni",
                    ({ } f, { } t) => $" con figli da {f} a {t} anni",
                };
                break;
            }
            case MessageAudience.PartnerStaff or MessageAudience.Merchants:
            {
                var role = a.Kind == MessageAudience.PartnerStaff ? NetworkRole.PartnerStaff : NetworkRole.Merchant;
                var staff = memberships.Where(m => m.Role == role);
                // A partner serves a Comune when it names it, or names none (the whole network).
                if (a.ComuneId is { } comuneId)
                    staff = staff.Where(m => m.PartnerId != null && (!db.PartnerComuni.Any(pc => pc.PartnerId == m.PartnerId) || db.PartnerComuni.Any(pc => pc.PartnerId == m.PartnerId && pc.ComuneId == comuneId)));
                users = staff.Select(m => m.UserId);
                text = (a.Kind == MessageAudience.PartnerStaff ? "Personale degli enti partner" : "Esercenti") + (comune is null ? "" : $" che servono {comune}");
                break;
            }
            case MessageAudience.MunicipalOfficers:
                users = memberships.Where(m => m.Role == NetworkRole.MunicipalOfficer && (a.ComuneId == null || m.ComuneId == null || m.ComuneId == a.ComuneId)).Select(m => m.UserId);
                text = "Operatori comunali" + (comune is null ? "" : $" di {comune}");
                break;
            case MessageAudience.SessionRegistrants:
            {
                var session = await (from s in db.OpportunitySessions.AsNoTracking()
                                     join o in db.Opportunities on s.OpportunityId equals o.Id
                                     where s.Id == a.SessionId && o.NetworkId == networkId
                                     select new { o.Title, s.StartsAt }).FirstOrDefaultAsync(cancel);
                if (session is null) return new([], "");
                users = db.Registrations.AsNoTracking().Where(r => r.SessionId == a.SessionId && r.Status != RegistrationStatus.Cancelled).Select(r => r.UserId);
                text = $"Iscritti a «{session.Title}» del {RomeTime.Format(session.StartsAt, "d/M/yyyy HH:mm")}";
                break;
            }
            default:
                return new([], "");
        }
        // Only people who can be written to: confirmed addresses.
        var reached = await db.Users.AsNoTracking().Where(u => users.Contains(u.Id) && u.EmailConfirmed).Select(u => u.Id).ToListAsync(cancel);
        return new(reached, text);
    }

    /// <summary>Fixes the recipients and hands the message to the background sender; null when it reaches nobody.</summary>
    public async Task<Guid?> SendAsync(Guid networkId, Audience audience, string subject, string body, Guid userId, string userName, Guid? opportunityId = null)
    {
        var reach = await ReachAsync(networkId, audience);
        if (reach.UserIds.Count == 0) return null;
        var message = new NetworkMessage
        {
            Id = Guid.NewGuid(), NetworkId = networkId, Audience = audience.Kind, ComuneId = audience.ComuneId, ChildAgeFrom = audience.ChildAgeFrom,
            ChildAgeTo = audience.ChildAgeTo, SessionId = audience.SessionId, OpportunityId = opportunityId, AudienceText = reach.Text,
            Subject = subject.Trim(), Body = body.Trim(), SentByUserId = userId, SentByName = userName, CreatedAt = clock.GetUtcNow().UtcDateTime,
            Status = MessageStatus.Sending, Total = reach.UserIds.Count,
        };
        db.Add(message);
        db.AddRange(reach.UserIds.Select(u => new NetworkMessageRecipient { MessageId = message.Id, UserId = u }));
        audit.Add("network.message-sent", nameof(NetworkMessage), message.Id, $"«{message.Subject}» a {reach.Text} ({reach.UserIds.Count})", networkId, userId, userName);
        await db.SaveChangesAsync();
        sender.Wake();
        return message.Id;
    }

    public async Task<Paged<Row>> ListAsync(Guid networkId, int page, Guid? opportunityId = null)
    {
        var query = db.NetworkMessages.AsNoTracking().Where(m => m.NetworkId == networkId);
        if (opportunityId is not null) query = query.Where(m => m.OpportunityId == opportunityId);
        var total = await query.CountAsync();
        page = Math.Clamp(page, 1, Math.Max(1, (int)Math.Ceiling(total / (double)PageSize)));
        var rows = await query.OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id).PageOf(page, PageSize)
            .Select(m => new Row(m.Id, m.Subject, m.AudienceText, m.SentByName, m.CreatedAt, m.Status, m.Total, m.Delivered)).ToListAsync();
        return new Paged<Row>(rows, total, page, PageSize);
    }

    public Task<NetworkMessage?> FindAsync(Guid networkId, Guid id) =>
        db.NetworkMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.NetworkId == networkId);
}
