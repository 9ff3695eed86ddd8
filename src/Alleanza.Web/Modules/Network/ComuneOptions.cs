using Alleanza.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network;

/// <summary>
/// The Comuni of a network by name, for the choosers and filters of every module. Ids leave SQL as Guids and become
/// text here, in C#: SQLite would spell them in capitals and a select would lose the person's choice.
/// </summary>
public static class ComuneOptions
{
    public static async Task<List<(Guid Id, string Name)>> ComuniOfAsync(this AppDbContext db, Guid networkId, CancellationToken cancel = default) =>
        (await db.Comuni.AsNoTracking().Where(c => c.NetworkId == networkId).OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(cancel))
            .Select(c => (c.Id, c.Name)).ToList();

    /// <summary>The same as options of a select, with <paramref name="selected"/> marked.</summary>
    public static async Task<List<SelectListItem>> ComuneSelectListAsync(this AppDbContext db, Guid networkId, Guid? selected = null, CancellationToken cancel = default) =>
        (await db.ComuniOfAsync(networkId, cancel)).Select(c => new SelectListItem(c.Name, c.Id.ToString(), c.Id == selected)).ToList();
}
