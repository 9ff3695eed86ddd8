using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups.Pages;

/// <summary>/gruppi-acquisto: the groups the person belongs to or runs.</summary>
public class IndexModel(GafAccess access) : PageModel
{
    public List<GafAccess.GroupRow> Groups { get; private set; } = [];
    public async Task OnGetAsync() => Groups = await access.MyGroupsAsync();
}

/// <summary>The base of a group's pages: the group of this network the person has a part in, else 404.</summary>
public abstract class GroupPage(GafAccess access) : PageModel
{
    public GafAccess.InGroup In { get; private set; } = default!;
    public PurchasingGroup Group => In.Group;

    protected async Task<bool> LoadGroupAsync(Guid id, bool referent = false, bool treasurer = false)
    {
        if (await access.GroupAsync(id) is not { } inGroup) return false;
        if (referent && !inGroup.IsReferent || treasurer && !inGroup.IsTreasurer) return false;
        In = inGroup;
        return true;
    }

    protected Guid UserId => access.UserId!.Value;
}

public class GroupModel(GafAccess access, Cycles cycles, AppDbContext db) : GroupPage(access)
{
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    public Paged<Cycles.CycleRow> Current { get; private set; } = new([], 0, 1, 20);
    public Paged<Cycles.CycleRow> Past { get; private set; } = new([], 0, 1, 20);
    public long? Balance { get; private set; }
    public int Members { get; private set; }
    public HashSet<Guid> Booked { get; private set; } = [];
    public Pager Pager => new(Past.Page, Past.Pages, Past.Total, $"{PurchasingModule.Path}/{Group.Id}", Request.Query);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (ModelState["pagina"]?.Errors.Count > 0) PageNumber = 1;
        if (!await LoadGroupAsync(id)) return NotFound();
        Current = await cycles.OfGroupAsync(Group.Id, In.IsReferent, past: false, 1);
        Past = await cycles.OfGroupAsync(Group.Id, In.IsReferent, past: true, PageNumber);
        Members = await db.GafMembers.CountAsync(m => m.GroupId == Group.Id && m.LeftAt == null);
        if (In.Member is { } me)
        {
            Balance = await db.LedgerAccounts.AsNoTracking().Where(a => a.Id == me.AccountId).Select(a => a.Balance).FirstAsync();
            var ids = Current.Items.Select(c => c.Id).ToList();
            Booked = (await db.GafBookings.AsNoTracking().Where(b => b.MemberId == me.Id && ids.Contains(b.CycleId)).Select(b => b.CycleId).ToListAsync()).ToHashSet();
        }
        return Page();
    }
}
