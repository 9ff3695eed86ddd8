using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog.Pages.Manage;

public class EditOpportunityModel(Publishing publishing, CurrentNetwork current, CurrentAccess access, AppDbContext db, TimeProvider clock)
    : OpportunityFormModel(publishing, current, db)
{
    [BindProperty] public SessionForm NewSession { get; set; } = new();
    [BindProperty, Required(ErrorMessage = "Scrivi perché la rimandi all'ente: lo leggerà chi l'ha scritta."),
     StringLength(2000, MinimumLength = 5, ErrorMessage = "La motivazione deve avere tra 5 e 2000 caratteri."), Display(Name = "Motivazione")]
    public string? Reason { get; set; }

    [BindProperty, Display(Name = "Immagine")] public IFormFile? Image { get; set; }
    public OpportunityImage? CurrentImage { get; private set; }

    public Opportunity Opportunity { get; private set; } = default!;
    public bool IsCoordinator { get; private set; }
    public List<OpportunityChange> History { get; private set; } = [];
    public Dictionary<Guid, int> RegistrationsBySession { get; private set; } = [];

    async Task<bool> LoadAsync(Guid id)
    {
        var o = await Publishing.FindEditableAsync(id);
        if (o is null) return false;
        Opportunity = o;
        IsCoordinator = await access.CanManageNetworkAsync();
        History = await Db.OpportunityChanges.AsNoTracking().Where(c => c.OpportunityId == id).OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Take(50).ToListAsync();
        var sessionIds = o.Sessions.Select(s => s.Id).ToList();
        RegistrationsBySession = await Db.Registrations.AsNoTracking().Where(r => sessionIds.Contains(r.SessionId) && r.Status != RegistrationStatus.Cancelled)
            .GroupBy(r => r.SessionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        CurrentImage = await Db.OpportunityImages.AsNoTracking().Where(i => i.OpportunityId == id)
            .Select(i => new OpportunityImage { OpportunityId = i.OpportunityId, Width = i.Width, Height = i.Height, UpdatedAt = i.UpdatedAt, ContentType = i.ContentType }).FirstOrDefaultAsync();
        await LoadChoicesAsync();
        return true;
    }

    public async Task<IActionResult> OnPostImageAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.KeepOnly(nameof(Image));
        Input = Publishing.FormFrom(Opportunity);
        if (Image is null) { ModelState.AddModelError(nameof(Image), Tr.Get("Scegli un'immagine da caricare.")); return Page(); }
        byte[] data;
        if (Image.Length > Images.MaxBytes) data = [];
        else
        {
            using var buffer = new MemoryStream();
            await Image.CopyToAsync(buffer);
            data = buffer.ToArray();
        }
        var info = data.Length == 0 ? null : Images.Inspect(data);
        if (Images.Problem(Image.Length, info) is { } problem) { ModelState.AddModelError(nameof(Image), problem); return Page(); }
        var image = await Db.OpportunityImages.FirstOrDefaultAsync(i => i.OpportunityId == id);
        if (image is null) Db.OpportunityImages.Add(image = new OpportunityImage { OpportunityId = id });
        image.Data = data;
        image.ContentType = info!.ContentType;
        image.Width = info.Width;
        image.Height = info.Height;
        image.UpdatedAt = DateTime.UtcNow;
        Publishing.Record(id, "immagine caricata");
        await Db.SaveChangesAsync();
        TempData["Message"] = Tr.Get("Immagine caricata.");
        return Redirect($"/gestione/opportunita/{id}#immagine");
    }

    public async Task<IActionResult> OnPostRemoveImageAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await Db.OpportunityImages.Where(i => i.OpportunityId == id).ExecuteDeleteAsync();
        TempData["Message"] = Tr.Get("Immagine tolta.");
        return Redirect($"/gestione/opportunita/{id}#immagine");
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = Publishing.FormFrom(Opportunity);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.KeepOnly(nameof(Input));
        if (!await ValidateAsync()) return Page();
        await Publishing.UpdateAsync(Opportunity, Input);
        TempData["Message"] = Opportunity.Status == OpportunityStatus.Published ? Tr.Get("Modifiche salvate: l'opportunità resta pubblicata.") : Tr.Get("Modifiche salvate.");
        return Redirect($"/gestione/opportunita/{id}");
    }

    public Task<IActionResult> OnPostSubmitAsync(Guid id) => ActAsync(id, () => Publishing.SubmitAsync(Opportunity), Tr.Get("Inviata al coordinatore per la pubblicazione."));
    public Task<IActionResult> OnPostApproveAsync(Guid id) => ActAsync(id, () => Publishing.ApproveAsync(Opportunity), Tr.Get("Pubblicata: ora le famiglie la trovano."));
    public Task<IActionResult> OnPostArchiveAsync(Guid id) => ActAsync(id, () => Publishing.ArchiveAsync(Opportunity), Tr.Get("Archiviata: non compare più nelle ricerche."));

    public async Task<IActionResult> OnPostRejectAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.KeepOnly(nameof(Reason));
        if (!ModelState.IsValid) { Input = Publishing.FormFrom(Opportunity); return Page(); }
        return await ActAsync(id, () => Publishing.RejectAsync(Opportunity, Reason!), Tr.Get("Rimandata all'ente con la motivazione."), loaded: true);
    }

    async Task<IActionResult> ActAsync(Guid id, Func<Task<PublishingOutcome>> action, string done, bool loaded = false)
    {
        if (!loaded && !await LoadAsync(id)) return NotFound();
        var outcome = await action();
        TempData["Message"] = outcome switch
        {
            PublishingOutcome.Done => done,
            PublishingOutcome.NotAllowed => Tr.Get("Solo il coordinatore della rete può farlo."),
            _ => Tr.Get("Non si può fare ora: l'opportunità è «{0}».", CatalogLabels.Status(Opportunity.Status)),
        };
        return Redirect($"/gestione/opportunita/{id}");
    }

    public async Task<IActionResult> OnPostAddSessionAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.KeepOnly(nameof(NewSession));
        if (ModelState.IsValid && FutureDates.Problem(NewSession.Date!.Value, NewSession.Start!.Value, clock) is { } past)
            ModelState.AddModelError($"{nameof(NewSession)}.{nameof(SessionForm.Date)}", past);
        if (!ModelState.IsValid) { Input = Publishing.FormFrom(Opportunity); return Page(); }
        var starts = RomeTime.FromRome(NewSession.Date!.Value, NewSession.Start!.Value);
        Db.OpportunitySessions.Add(new OpportunitySession
        {
            Id = Guid.NewGuid(), OpportunityId = id, StartsAt = starts, Capacity = NewSession.Capacity,
            EndsAt = NewSession.End is { } end ? RomeTime.FromRome(NewSession.Date.Value, end) : null,
        });
        Publishing.Record(id, "data aggiunta", RomeTime.Format(starts));
        await Db.SaveChangesAsync();
        TempData["Message"] = Tr.Get("Data aggiunta.");
        return Redirect($"/gestione/opportunita/{id}#date");
    }

    public async Task<IActionResult> OnPostRemoveSessionAsync(Guid id, Guid sessionId)
    {
        if (!await LoadAsync(id)) return NotFound();
        var session = Opportunity.Sessions.FirstOrDefault(s => s.Id == sessionId);
        if (session is null) return NotFound();
        if (RegistrationsBySession.GetValueOrDefault(sessionId) > 0)
        {
            TempData["Message"] = Tr.Get("Questa data ha delle iscrizioni: chiudi le iscrizioni invece di toglierla.");
            return Redirect($"/gestione/opportunita/{id}#date");
        }
        Db.OpportunitySessions.Remove(session);
        Publishing.Record(id, "data tolta", RomeTime.Format(session.StartsAt));
        await Db.SaveChangesAsync();
        TempData["Message"] = Tr.Get("Data tolta.");
        return Redirect($"/gestione/opportunita/{id}#date");
    }
}
