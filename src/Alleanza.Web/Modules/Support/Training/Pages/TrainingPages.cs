using Alleanza.Web.Modules.Support.Labs;
using Alleanza.Web.Modules.Support.Volunteers;
using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Alleanza.Web.Modules.Support.Training.Pages;

public class IndexModel(Courses courses, VolunteerRegistry registry, CommunityAccess access) : PageModel
{
    public List<Courses.CourseRow> Managed { get; private set; } = [];
    public List<Courses.CourseRow> Mine { get; private set; } = [];
    public bool CanCreate { get; private set; }
    public int CompletionPercent { get; private set; }

    public async Task OnGetAsync()
    {
        var all = await courses.ListAsync();
        Mine = all.Where(c => c.Mine is not null).ToList();
        CanCreate = await courses.CanCreateAsync();
        Managed = CanCreate ? all.Where(c => c.Mine is null || c.Enrolled > 1).ToList() : [];
        CompletionPercent = (await registry.SettingsAsync(access.NetworkId)).CompletionPercent;
    }
}

public class NewCourseModel(Courses courses) : PageModel
{
    [BindProperty] public CourseForm Input { get; set; } = new();
    public List<SelectListItem> Organisers { get; private set; } = [];
    public static List<SelectListItem> Audiences => Enum.GetValues<TrainingAudience>().Select(a => new SelectListItem(TrainingAudiences.Label(a), a.ToString())).ToList();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await courses.CanCreateAsync()) return Forbid();
        Organisers = (await courses.OrganisersAsync()).Select(p => new SelectListItem(p.Name, p.Id.ToString())).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await courses.CanCreateAsync()) return Forbid();
        Organisers = (await courses.OrganisersAsync()).Select(p => new SelectListItem(p.Name, p.Id.ToString())).ToList();
        if (!ModelState.IsValid) return Page();
        var (course, error) = await courses.CreateAsync(Input);
        if (course is null) { ModelState.AddModelError("Input.PartnerId", error!); return Page(); }
        TempData["Message"] = Tr.Get("Corso «{0}» creato: aggiungi moduli, lezioni e iscritti.", course.Title);
        return Redirect($"/formazione/{course.Id}");
    }
}

public class CourseModel(Courses courses, VolunteerRegistry registry) : PageModel
{
    [BindProperty] public ModuleForm Module { get; set; } = new();
    [BindProperty] public TrainingSessionForm Lesson { get; set; } = new();
    [BindProperty] public PersonEmailForm Learner { get; set; } = new();
    public CourseAccess Access { get; private set; } = default!;
    public List<TrainingModule> Modules { get; private set; } = [];
    public List<Courses.SessionRow> Sessions { get; private set; } = [];
    public List<Courses.LearnerRow> Learners { get; private set; } = [];
    public Progress? Mine { get; private set; }
    public int CompletionPercent { get; private set; }
    public List<SelectListItem> ModuleOptions => Modules.Select(m => new SelectListItem(m.Title, m.Id.ToString())).ToList();

    async Task<bool> LoadAsync(Guid id)
    {
        if (await courses.AccessAsync(id) is not { } access) return false;
        Access = access;
        Modules = await courses.ModulesAsync(id);
        Sessions = await courses.SessionsAsync(id);
        CompletionPercent = (await registry.SettingsAsync(access.Course.NetworkId)).CompletionPercent;
        if (access.CanManage) Learners = await courses.LearnersAsync(access.Course);
        if (access.IsEnrolled) Mine = (await courses.ProgressOfAsync([id], HttpContext.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier) is { } c ? Guid.Parse(c.Value) : Guid.Empty, CompletionPercent))[id];
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        ModelState.Clear();
        return await LoadAsync(id) ? Page() : NotFound();
    }

    async Task<IActionResult?> ManagerAsync(Guid id, string form)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!Access.CanManage) return NotFound();
        ModelState.KeepOnly(form);
        return null;
    }

    public async Task<IActionResult> OnPostModuleAsync(Guid id)
    {
        if (await ManagerAsync(id, nameof(Module)) is { } stop) return stop;
        if (!ModelState.IsValid) return Page();
        await courses.AddModuleAsync(id, Module);
        TempData["Message"] = Tr.Get("Modulo aggiunto.");
        return Redirect($"/formazione/{id}#moduli");
    }

    public async Task<IActionResult> OnPostLessonAsync(Guid id)
    {
        if (await ManagerAsync(id, nameof(Lesson)) is { } stop) return stop;
        if (!ModelState.IsValid) return Page();
        if (await courses.AddSessionAsync(Access.Course, Lesson) is { } error) { ModelState.AddModelError("Lesson.ModuleId", error); return Page(); }
        TempData["Message"] = Tr.Get("Lezione aggiunta.");
        return Redirect($"/formazione/{id}#lezioni");
    }

    public async Task<IActionResult> OnPostLearnerAsync(Guid id)
    {
        if (await ManagerAsync(id, nameof(Learner)) is { } stop) return stop;
        if (!ModelState.IsValid) return Page();
        if (await courses.EnrolAsync(Access.Course, Learner.Email!) is { } error) { ModelState.AddModelError("Learner.Email", error); return Page(); }
        TempData["Message"] = Tr.Get("Persona iscritta al corso.");
        return Redirect($"/formazione/{id}#iscritti");
    }
}

public class RegisterModel(Courses courses) : PageModel
{
    public Courses.Register View { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await courses.RegisterAsync(id) is not { } view) return NotFound();
        View = view;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, List<Guid>? present)
    {
        ModelState.Clear();
        if (await courses.RegisterAsync(id) is not { } view) return NotFound();
        View = view;
        TempData["Message"] = await courses.SetAttendanceAsync(view, present ?? []) ? Tr.Get("Presenze salvate.") : Tr.Get(Platform.Data.Concurrency.AlreadyDone);
        return Redirect($"/formazione/incontri/{id}");
    }
}
