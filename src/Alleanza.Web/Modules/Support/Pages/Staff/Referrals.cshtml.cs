using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Modules.Families;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support.Pages.Staff;

/// <summary>Referrals received by the person's organisation: accept or reject, then mark done.</summary>
public class ReferralsModel(CaseReferrals referrals, Households households, AppDbContext db, CurrentNetwork network, CurrentAccess access) : PageModel
{
    [BindProperty, Display(Name = "Commento (obbligatorio se non potete accogliere)")] public string? Comment { get; set; }
    public List<CaseReferrals.Received> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!network.IsResolved) return NotFound();
        Items = await referrals.ReceivedAsync(network.Id, households);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid referralId, ReferralStatus? to)
    {
        if (!network.IsResolved) return NotFound();
        var who = await db.Users.Where(u => u.Id == access.UserId).Select(u => u.DisplayName).FirstAsync();
        var error = to is ReferralStatus status ? await referrals.AnswerAsync(network.Id, referralId, status, Comment, who) : Tr.Get("Scelta non valida.");
        TempData[error is null ? "Message" : "Error"] = error ?? (to == ReferralStatus.Accepted ? Tr.Get("Invio accettato.") : to == ReferralStatus.Rejected ? Tr.Get("Invio rifiutato.") : Tr.Get("Invio concluso."));
        return RedirectToPage();
    }
}
