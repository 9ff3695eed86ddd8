using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;

namespace Alleanza.Web.Modules.Network.Pages.Manage;

public class PartnersModel(PartnerDirectory partners, CurrentNetwork current, AppDbContext db) : PartnerSearchModel(partners, current, db)
{
    public Task OnGetAsync() => SearchAsync();
}
